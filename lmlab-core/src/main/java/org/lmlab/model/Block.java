package org.lmlab.model;

import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Layer;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Module;
import org.lmlab.nn.Norm;

/**
 * A pre-norm residual block: x ← x + Mixer(Norm₁(x)); x ← x + FeedForward(Norm₂(x)). The mixer is attention
 * (child {@code attn}) or a recurrent layer ({@code gru}, {@code lstm}, {@code gla}); the feed-forward a dense MLP
 * ({@code mlp}) or a mixture of experts ({@code moe}) — see {@link BlockParts}.
 * Hook points: {@code resid_pre}, {@code attn_out}, {@code resid_mid}, {@code mlp_out}, {@code resid_post}.
 */
public final class Block extends Module {
    private final Norm norm1;
    private final Module mixer;
    private final Norm norm2;
    private final Module ffn;
    private final HookPoint residPre;
    private final HookPoint attnOut;
    private final HookPoint residMid;
    private final HookPoint mlpOut;
    private final HookPoint residPost;

    /** Block {@code layer} of a decoder; MoE layers report their routing to {@code aux}. */
    public Block(DecoderConfig c, Rope rope, int layer, AuxiliaryLosses aux) {
        this.norm1 = child("norm1", Attentions.norm(c));
        BlockParts.Part m = BlockParts.mixer(c, layer, rope);
        this.mixer = child(m.name(), m.module());
        BlockParts.Part f = BlockParts.feedForward(c, layer, aux);
        this.norm2 = f == null ? null : child("norm2", Attentions.norm(c));
        this.ffn = f == null ? null : child(f.name(), f.module());
        this.residPre = hookPoint("resid_pre");
        this.attnOut = hookPoint("attn_out");
        this.residMid = hookPoint("resid_mid");
        this.mlpOut = hookPoint("mlp_out");
        this.residPost = hookPoint("resid_post");
    }

    public Tensor forward(Tensor x) {
        x = residPre.apply(x);
        x = residMid.apply(x.add(attnOut.apply(((Layer) mixer).forward(norm1.forward(x)))));
        if (ffn == null) {
            return residPost.apply(x);
        }
        return residPost.apply(x.add(mlpOut.apply(((Layer) ffn).forward(norm2.forward(x)))));
    }

    /** The attention of this block, or null when its mixer is recurrent. */
    public Attention attention() {
        return mixer instanceof Attention a ? a : null;
    }

    /** The dense MLP of this block, or null when it is a mixture of experts. */
    public Mlp mlp() {
        return ffn instanceof Mlp m ? m : null;
    }

    /** The sequence mixer (attention or recurrent). */
    public Module mixer() {
        return mixer;
    }

    /** The feed-forward (dense MLP or mixture of experts), or null when the blocks have none. */
    public Module feedForward() {
        return ffn;
    }
}
