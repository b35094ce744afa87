package org.lmlab.probe.sinks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.model.Decoder;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/**
 * Simulated WxAy quantization of a trained decoder (the sinks paper's W4A4 evaluation, Qiu, Huang, Wen et al.
 * 2026, §6): symmetric round-to-nearest fake quantization,
 * <pre>
 *   q(x) = clamp(round(x / s), −2^{b−1}, 2^{b−1} − 1) · s,   s = max|x| / (2^{b−1} − 1)
 * </pre>
 * with s per output row for weights (every MATRIX and HEAD parameter) and per token for activations. Activations
 * are quantized where they enter linear layers and are reachable by hook points: the residual stream before each
 * block's norms ({@code resid_pre}, {@code resid_mid}; RMSNorm is per-token scale-free, so this equals quantizing
 * the normed input up to the gain, and it also quantizes the skip path — stricter than a real kernel), the last
 * block's output (the head's input), the per-head outputs {@code z} (W_O's input) and {@code mlp.post} (W_down's
 * input). An outlier dimension inflates its token's scale and so wipes out the other dimensions — the mechanism
 * that makes sinks costly under quantization. Closing restores the weights and removes the hooks.
 */
public final class FakeQuant implements AutoCloseable {
    private final Map<Parameter, Tensor> saved = new LinkedHashMap<>();
    private final List<HookPoint.Handle> handles = new ArrayList<>();

    private FakeQuant() {}

    /** Quantizes {@code model}'s weights to {@code weightBits} and hooks activations to {@code activationBits}. */
    public static FakeQuant apply(Decoder model, int weightBits, int activationBits) {
        FakeQuant q = new FakeQuant();
        try (NoGrad g = NoGrad.enter()) {
            for (Parameter p : model.parameters()) {
                if (p.role() == Role.MATRIX || p.role() == Role.HEAD) {
                    // Saved outside any step scope (the caller's), so the copy outlives the evaluation batches.
                    q.saved.put(p, p.tensor().detach().clone());
                    p.tensor().detach().copy_(quantize(p.tensor().detach(), weightBits));
                }
            }
        }
        int layers = model.config().nLayers();
        for (int l = 0; l < layers; l++) {
            String b = "blocks." + l + ".";
            for (String point : new String[] {"resid_pre", "resid_mid", "attn.z", "mlp.post"}) {
                q.handles.add(model.hookPoint(b + point, true).replace(x -> quantize(x, activationBits)));
            }
        }
        q.handles.add(model.hookPoint("blocks." + (layers - 1) + ".resid_post", true)
                .replace(x -> quantize(x, activationBits)));
        return q;
    }

    /** Round-to-nearest symmetric quantization with one scale per row of the last dimension. */
    public static Tensor quantize(Tensor x, int bits) {
        double top = Math.pow(2, bits - 1) - 1;
        Tensor scale = x.abs().amax(new long[] {-1}, true).div(Tensors.s(top)).clamp_min(Tensors.s(1e-12));
        return x.div(scale).round().clamp(new org.bytedeco.pytorch.ScalarOptional(Tensors.s(-top - 1)),
                new org.bytedeco.pytorch.ScalarOptional(Tensors.s(top))).mul(scale);
    }

    @Override
    public void close() {
        handles.forEach(HookPoint.Handle::close);
        try (NoGrad g = NoGrad.enter()) {
            saved.forEach((p, t) -> p.tensor().detach().copy_(t));
        }
    }
}
