package org.lmlab.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/**
 * Weight names of a saved model. A Llama-shaped decoder ({@link DecoderConfig#llamaShaped()}) is saved under
 * Hugging Face {@code LlamaForCausalLM} names, with the fused q/k/v and gate/up matrices split as
 * {@code transformers} expects:
 * <pre>
 *   embed.weight                  → model.embed_tokens.weight
 *   blocks.i.norm1.weight         → model.layers.i.input_layernorm.weight
 *   blocks.i.attn.qkv.weight      → model.layers.i.self_attn.{q,k,v}_proj.weight   (rows split in thirds)
 *   blocks.i.attn.o.weight        → model.layers.i.self_attn.o_proj.weight
 *   blocks.i.norm2.weight         → model.layers.i.post_attention_layernorm.weight
 *   blocks.i.mlp.gate_up.weight   → model.layers.i.mlp.{gate,up}_proj.weight       (rows split in halves)
 *   blocks.i.mlp.down.weight      → model.layers.i.mlp.down_proj.weight
 *   norm.weight                   → model.norm.weight
 *   head.weight                   → lm_head.weight   (absent when tied)
 * </pre>
 * Any other architecture keeps lmlab's own names. Loading accepts exactly what saving produces.
 */
public final class HfLlamaNames {
    private HfLlamaNames() {}

    /** The tensors to save, by saved name (views or splits of the live parameters; callers copy them out). */
    public static Map<String, Tensor> export(Decoder model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        boolean hf = model.config().llamaShaped();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            Tensor t = e.getValue().tensor().detach();
            if (!hf) {
                out.put(e.getKey(), t);
                continue;
            }
            String name = e.getKey();
            if (name.endsWith("attn.qkv.weight")) {
                String p = layerPrefix(name) + "self_attn.";
                Tensor[] qkv = Tensors.chunk(t, 3, 0);
                out.put(p + "q_proj.weight", qkv[0]);
                out.put(p + "k_proj.weight", qkv[1]);
                out.put(p + "v_proj.weight", qkv[2]);
            } else if (name.endsWith("mlp.gate_up.weight")) {
                String p = layerPrefix(name) + "mlp.";
                Tensor[] gateUp = Tensors.chunk(t, 2, 0);
                out.put(p + "gate_proj.weight", gateUp[0]);
                out.put(p + "up_proj.weight", gateUp[1]);
            } else {
                out.put(hfName(name), t);
            }
        }
        return out;
    }

    /**
     * Copies saved tensors into the model's parameters. Every parameter must be present with its exact shape;
     * extra tensors are an error too (they mean the file belongs to another architecture).
     */
    public static void load(Decoder model, Map<String, Tensor> saved, String source) {
        Map<String, Tensor> expected = export(model);
        for (String name : saved.keySet()) {
            if (!expected.containsKey(name)) {
                throw new IllegalArgumentException(source + ": unexpected tensor '" + name + "' for this model config");
            }
        }
        try (NoGrad g = NoGrad.enter()) {
            for (Map.Entry<String, Tensor> e : expected.entrySet()) {
                Tensor src = saved.get(e.getKey());
                if (src == null) {
                    throw new IllegalArgumentException(source + ": missing tensor '" + e.getKey() + "'");
                }
                if (!src.is_same_size(e.getValue())) {
                    throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "' has shape "
                            + java.util.Arrays.toString(org.lmlab.tensor.Tensors.shape(src)) + ", the model needs "
                            + java.util.Arrays.toString(org.lmlab.tensor.Tensors.shape(e.getValue())));
                }
                // The exported tensors are views of the live parameters, so copying into them loads the model.
                e.getValue().copy_(src);
            }
        }
    }

    /** The {@code config.json} of a Llama-shaped model, as transformers' {@code LlamaConfig} reads it. */
    public static Map<String, Object> configJson(DecoderConfig c, String dtype) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architectures", java.util.List.of("LlamaForCausalLM"));
        m.put("model_type", "llama");
        m.put("vocab_size", c.vocabSize());
        m.put("hidden_size", c.dModel());
        m.put("intermediate_size", c.ffWidth());
        m.put("num_hidden_layers", c.nLayers());
        m.put("num_attention_heads", c.nHeads());
        m.put("num_key_value_heads", c.nHeads());
        m.put("head_dim", c.headDim());
        m.put("hidden_act", "silu");
        m.put("max_position_embeddings", c.maxSeqLen());
        m.put("rms_norm_eps", c.normEps());
        m.put("rope_theta", c.ropeTheta());
        m.put("tie_word_embeddings", c.tiedHead());
        m.put("attention_bias", false);
        m.put("mlp_bias", false);
        m.put("torch_dtype", dtype);
        return m;
    }

    private static String layerPrefix(String name) {
        // blocks.<i>.… → model.layers.<i>.
        String[] parts = name.split("\\.");
        return "model.layers." + parts[1] + ".";
    }

    private static String hfName(String name) {
        if (name.equals("embed.weight")) {
            return "model.embed_tokens.weight";
        }
        if (name.equals("norm.weight")) {
            return "model.norm.weight";
        }
        if (name.equals("head.weight")) {
            return "lm_head.weight";
        }
        String p = layerPrefix(name);
        if (name.endsWith("norm1.weight")) {
            return p + "input_layernorm.weight";
        }
        if (name.endsWith("norm2.weight")) {
            return p + "post_attention_layernorm.weight";
        }
        if (name.endsWith("attn.o.weight")) {
            return p + "self_attn.o_proj.weight";
        }
        if (name.endsWith("mlp.down.weight")) {
            return p + "mlp.down_proj.weight";
        }
        throw new IllegalStateException("no Hugging Face name for " + name);
    }
}
