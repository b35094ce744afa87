package org.lmlab.model;

import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Module;
import org.lmlab.nn.Norm;

/**
 * A pre-norm transformer block: x ← x + Attn(Norm₁(x)); x ← x + MLP(Norm₂(x)).
 * Hook points: {@code resid_pre}, {@code attn_out}, {@code resid_mid}, {@code mlp_out}, {@code resid_post}.
 */
public final class Block extends Module {
    private final Norm norm1;
    private final Attention attn;
    private final Norm norm2;
    private final Mlp mlp;
    private final HookPoint residPre;
    private final HookPoint attnOut;
    private final HookPoint residMid;
    private final HookPoint mlpOut;
    private final HookPoint residPost;

    public Block(DecoderConfig c, Rope rope) {
        this.norm1 = child("norm1", Attentions.norm(c));
        this.attn = child("attn", Attentions.create(c, rope));
        this.norm2 = child("norm2", Attentions.norm(c));
        this.mlp = child("mlp", new Mlp(c.mlp(), c.dModel(), c.ffWidth(), c.bias(), c.initStd(),
                c.initStd() / Math.sqrt(2.0 * c.nLayers())));
        this.residPre = hookPoint("resid_pre");
        this.attnOut = hookPoint("attn_out");
        this.residMid = hookPoint("resid_mid");
        this.mlpOut = hookPoint("mlp_out");
        this.residPost = hookPoint("resid_post");
    }

    public Tensor forward(Tensor x) {
        x = residPre.apply(x);
        x = residMid.apply(x.add(attnOut.apply(attn.forward(norm1.forward(x)))));
        return residPost.apply(x.add(mlpOut.apply(mlp.forward(norm2.forward(x)))));
    }

    public Attention attention() {
        return attn;
    }

    public Mlp mlp() {
        return mlp;
    }
}
