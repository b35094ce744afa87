package org.lmlab.model;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.lmlab.tensor.Autocast;
import org.lmlab.nn.BinaryCodedEmbedding;
import org.lmlab.nn.Embedding;
import org.lmlab.nn.Linear;
import org.lmlab.nn.Module;
import org.lmlab.nn.Norm;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;

/**
 * A causal decoder language model: token embedding → {@link Block}s → final norm → head (or the tied embedding).
 *
 * <p>Parameters are created in float32 on the CPU in a fixed order from libtorch's generator, so
 * {@code Rng.seed(s); new Decoder(c)} is a pure function of (s, c). Parameter names:
 * {@code embed.weight}, {@code blocks.i.{norm1,attn.qkv,attn.o,norm2,mlp.gate_up|mlp.up,mlp.down}.weight},
 * {@code norm.weight}, {@code head.weight} [outputVocab, dModel], and {@code binary_embed.weight} [dModel, bits]
 * when the config has binary-coded ids ({@link BinaryInput}).
 */
public final class Decoder extends Module {
    /** Targets equal to this are ignored by the loss (prompt positions, padding). */
    public static final long IGNORE = -100;

    private final DecoderConfig config;
    private final Embedding embed;
    private final BinaryCodedEmbedding binary;
    private final LearnedPositions positions;
    private final List<Block> blocks = new ArrayList<>();
    private final Norm norm;
    private final Linear head;
    private final AuxiliaryLosses aux;

    public Decoder(DecoderConfig c) {
        this.config = c;
        this.aux = new AuxiliaryLosses(c.ffn());
        this.embed = child("embed", new Embedding(c.vocabSize(), c.dModel(), c.initStd()));
        // Created only when enabled, so models without binary-coded ids keep their parameter names and init draws.
        this.binary = c.binaryInput().enabled()
                ? child("binary_embed", new BinaryCodedEmbedding(c.binaryInput().offset(), c.binaryInput().bits(),
                        c.dModel(), c.initStd()))
                : null;
        this.positions = c.position() == DecoderConfig.Position.LEARNED
                ? child("pos", new LearnedPositions(c.maxSeqLen(), c.dModel(), c.initStd()))
                : null;
        Rope rope = c.position() == DecoderConfig.Position.ROPE
                ? new Rope(c.headDim(), c.maxSeqLen(), c.ropeTheta())
                : null;
        for (int i = 0; i < c.nLayers(); i++) {
            blocks.add(child("blocks." + i, new Block(c, rope, i, aux)));
        }
        this.norm = child("norm", Attentions.norm(c));
        this.head = c.tiedHead() ? null : child("head", new Linear(c.dModel(), c.outputVocab(), false, c.initStd(),
                Role.HEAD));
    }

    public DecoderConfig config() {
        return config;
    }

    /** ids [B, T] (int64) → logits [B, T, {@link DecoderConfig#outputVocab()}]. */
    public Tensor forward(Tensor ids) {
        if (ids.size(1) > config.maxSeqLen()) {
            throw new IllegalArgumentException("sequence length " + ids.size(1) + " exceeds max_seq_len " + config.maxSeqLen());
        }
        ScalarType low = dtype().autocastType();
        try (Autocast ac = Autocast.enter(ids.device(), low)) {
            Tensor x = embed.forward(ids);
            if (binary != null) {
                x = binary.forward(ids, x);
            }
            if (positions != null) {
                x = positions.forward(x);
            }
            for (Block b : blocks) {
                x = b.forward(x);
            }
            x = norm.forward(x);
            Tensor logits = head == null
                    ? torch.linear(x, embed.weight().tensor().narrow(0, 0, config.outputVocab()))
                    : head.forward(x);
            // Losses and sampling read float32 logits, as HF's logits.float(); a no-op without autocast.
            return low == null ? logits : logits.to(ScalarType.Float);
        }
    }

    /**
     * Mean next-token cross-entropy over the positions whose target is not {@link #IGNORE}:
     * L = −(1/|S|) Σ_{(b,t)∈S} log softmax(logits_{b,t})[targets_{b,t}].
     */
    public Tensor loss(Tensor ids, Tensor targets) {
        Tensor logits = forward(ids);
        long v = logits.size(-1);
        return torch.cross_entropy_loss(logits.view(-1, v), targets.reshape(-1), new TensorOptional(), 1, IGNORE, 0.0);
    }

    /**
     * The auxiliary losses (MoE balance, router z-loss) that forward passes record during a training step; the
     * trainer adds them to the loss (see {@link AuxiliaryLosses} for the flow).
     */
    public AuxiliaryLosses auxiliaryLosses() {
        return aux;
    }

    public List<Block> blocks() {
        return List.copyOf(blocks);
    }
}
