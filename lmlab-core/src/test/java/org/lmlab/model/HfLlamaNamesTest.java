package org.lmlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

class HfLlamaNamesTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    @Test
    void llamaShapedModelsUseTransformersNamesAndShapes() {
        Rng.seed(0);
        DecoderConfig c = DecoderConfig.defaults();
        Map<String, Tensor> w = HfLlamaNames.export(new Decoder(c));
        assertEquals(List.of(512L, 256L), List.of(Tensors.shape(w.get("model.embed_tokens.weight"))[0],
                Tensors.shape(w.get("model.embed_tokens.weight"))[1]));
        for (String n : List.of("q_proj", "k_proj", "v_proj", "o_proj")) {
            assertEquals(256, w.get("model.layers.3.self_attn." + n + ".weight").size(0), n);
        }
        assertEquals(c.ffWidth(), w.get("model.layers.0.mlp.gate_proj.weight").size(0));
        assertEquals(c.ffWidth(), w.get("model.layers.0.mlp.up_proj.weight").size(1) == 256 ? c.ffWidth() : -1);
        assertEquals(256, w.get("model.layers.0.mlp.down_proj.weight").size(0));
        assertTrue(w.containsKey("model.layers.0.input_layernorm.weight"));
        assertTrue(w.containsKey("model.layers.0.post_attention_layernorm.weight"));
        assertTrue(w.containsKey("model.norm.weight") && w.containsKey("lm_head.weight"));
        assertEquals(9 * 4 + 3, w.size());
        Map<String, Object> cfg = HfLlamaNames.configJson(c, "float32");
        assertEquals("llama", cfg.get("model_type"));
        assertEquals(704, cfg.get("intermediate_size"));
    }

    @Test
    void exportThenLoadGivesTheSameLogits() {
        Rng.seed(1);
        Decoder a = new Decoder(DecoderConfig.defaults());
        Rng.seed(2);
        Decoder b = new Decoder(DecoderConfig.defaults());
        Map<String, Tensor> copies = new HashMap<>();
        HfLlamaNames.export(a).forEach((k, v) -> copies.put(k, v.clone()));
        HfLlamaNames.load(b, copies, "test");
        Tensor ids = Tensors.longs(new long[] {1, 2, 3, 4, 5}, 1, 5);
        assertTrue(a.forward(ids).equal(b.forward(ids)));
        copies.put("model.extra.weight", copies.get("model.norm.weight"));
        assertThrows(IllegalArgumentException.class, () -> HfLlamaNames.load(b, copies, "test"));
    }
}
