package org.lmlab.probe.sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.model.Decoder;
import org.lmlab.nn.HookPoint;
import org.lmlab.task.Batch;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/**
 * Whether first-token attention does anything: the next-token loss at dormant queries with and without it. In
 * every layer, each dormant query's weight on the first token is removed and the rest renormalized,
 * <pre>
 *   A'[i, 0] = 0,   A'[i, j] = A[i, j] / (1 − A[i, 0])   (j ≥ 1; dormant queries i ≥ 1; active rows unchanged)
 * </pre>
 * and the mean cross-entropy over the dormant positions is compared. A softmax sink is the head's no-op, so
 * removing it mixes the other values in and costs loss; weight on the first token that a closed gate multiplies
 * by ≈ 0 (gated attention, Qiu et al. 2025, §4.3) is free to be anywhere and costs nothing to remove.
 *
 * <p>Usage: {@code BosAblation.Result r = BosAblation.measure(model, batches, task::triggerMask, device);} — the
 * mask marks the active queries ([B, T] bool) as in {@link SinkProbe}; null treats every query as dormant.
 */
public final class BosAblation {
    private BosAblation() {}

    /**
     * @param loss mean next-token loss over the dormant positions
     * @param ablatedLoss the same with their first-token weight removed in every layer
     * @param positions how many dormant positions were scored
     */
    public record Result(double loss, double ablatedLoss, long positions) {
        /** ablatedLoss − loss: what the first-token attention is worth to the dormant predictions. */
        public double increase() {
            return ablatedLoss - loss;
        }
    }

    public static Result measure(Decoder model, List<Batch> batches, Function<Tensor, Tensor> activeMask,
            Device device) {
        double[] sums = new double[2];
        long count = 0;
        try (NoGrad g = NoGrad.enter()) {
            for (Batch b : batches) {
                try (PointerScope scope = new PointerScope()) {
                    Tensor ids = b.inputs().to(device, b.inputs().scalar_type());
                    Tensor targets = b.targets().to(device, b.targets().scalar_type());
                    Tensor dormant = SinkProbe.queryMasks(b, ids, activeMask, device)[0];
                    count += (long) dormant.sum().item_double();
                    sums[0] += dormantLoss(model, ids, targets, dormant);
                    Tensor rows = dormant.unsqueeze(1).unsqueeze(-1);       // [B, 1, T, 1]
                    List<HookPoint.Handle> handles = new ArrayList<>();
                    for (int l = 0; l < model.config().nLayers(); l++) {
                        handles.add(model.hookPoint("blocks." + l + ".attn.pattern", true)
                                .replace(p -> withoutFirst(p, rows)));
                    }
                    try {
                        sums[1] += dormantLoss(model, ids, targets, dormant);
                    } finally {
                        handles.forEach(HookPoint.Handle::close);
                    }
                }
            }
        }
        return new Result(sums[0] / count, sums[1] / count, count);
    }

    /** The pattern with the first column of the marked rows removed and those rows renormalized (a new tensor). */
    static Tensor withoutFirst(Tensor pattern, Tensor rows) {
        Tensor p = pattern.to(torch.ScalarType.Float);
        Tensor rest = p.clone();
        rest.select(-1, 0).zero_();
        // A row entirely on the first token has nothing left to renormalize: it becomes zero (the head outputs 0).
        Tensor norm = rest.sum(new long[] {-1}, true, new ScalarTypeOptional()).clamp_min(Tensors.s(1e-12));
        Tensor ablated = rest.div(norm);
        return p.mul(rows.neg().add(Tensors.s(1.0))).add(ablated.mul(rows)).to(pattern.scalar_type());
    }

    /** Summed cross-entropy over the positions where {@code dormant} is 1. */
    private static double dormantLoss(Decoder model, Tensor ids, Tensor targets, Tensor dormant) {
        Tensor logp = model.forward(ids).to(torch.ScalarType.Float).log_softmax(-1);
        Tensor picked = logp.gather(-1, targets.unsqueeze(-1)).squeeze(-1);
        return -picked.mul(dormant).sum().item_double();
    }
}
