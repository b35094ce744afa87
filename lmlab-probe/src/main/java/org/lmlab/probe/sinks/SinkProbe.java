package org.lmlab.probe.sinks;

import java.util.ArrayList;
import java.util.Arrays;
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
 * Attention-sink and rescaling measures through hook points, on any decoder (Qiu et al. 2025, "Gated Attention
 * for LLMs", §4.3; Qiu, Huang, Wen et al. 2026, "Attention and Residual Sinks: Outlier-driven Rescaling", §3).
 * For each layer's explicit weights A [B, H, T, T], values v and per-head outputs z = A v, over queries i ≥ 1:
 * <pre>
 *   BOS mass        mean A[i, 0]                       excess   mean (A[i, 0] − 1/(i+1))
 *   contribution    mean ‖A[i, 0] v_0‖ / ‖z_i‖         value drain  ‖v_0‖ / mean_{j≥1} ‖v_j‖
 *   dormant output  mean_{dormant} ‖z_i‖ / mean_{active} ‖z_i‖
 *   massive activation  max |h| over every block's residual output;  stripe  max_k mean_t |h_tk| / mean |h|
 * </pre>
 * plus gate-score statistics (gated attention's {@code gate_scores}) and the learnable sink's weight.
 * Hooking {@code pattern} switches attention to its explicit path; hooks are removed afterwards.
 *
 * <p>Usage: {@code SinkStats s = SinkProbe.measure(model, batches, task::triggerMask, device);} — the mask
 * function marks the active queries ([B, T] bool); pass null to treat every query as dormant.
 */
public final class SinkProbe {
    private SinkProbe() {}

    /** Running sums per layer: [metric][head]. */
    private static final class Acc {
        final double[][] sums;
        Acc(int metrics, int heads) {
            sums = new double[metrics][heads];
        }
        void add(int metric, Tensor perHead) {
            double[] v = Tensors.toDoubles(perHead);
            for (int h = 0; h < v.length; h++) {
                sums[metric][h] += v[h];
            }
        }
    }

    // Metrics accumulated as sums (numerators, then counts where a mean is over a masked set).
    private static final int BOS = 0, EXCESS = 1, CONTRIB = 2, VNORM0 = 3, VNORMREST = 4, ZDORM = 5, ZACT = 6,
            SINK = 7, GATE = 8, GATEDORM = 9, GATEACT = 10, BOSACT = 11, N = 12;

    public static SinkStats measure(Decoder model, List<Batch> batches, Function<Tensor, Tensor> activeMask,
            Device device) {
        int layers = model.config().nLayers();
        int heads = model.config().nHeads();
        List<Acc> acc = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            acc.add(new Acc(N, heads));
        }
        double[] counts = new double[4]; // dormant queries, active queries, batches, all queries
        double[] hist = new double[10];
        double[] maxAct = {0};
        double[] stripe = null;
        boolean[] seen = new boolean[2]; // sink, gate
        try (NoGrad g = NoGrad.enter()) {
            for (Batch b : batches) {
                try (PointerScope scope = new PointerScope()) {
                    Tensor ids = b.inputs().to(device, b.inputs().scalar_type());
                    long t = ids.size(1);
                    Tensor[] queries = queryMasks(b, ids, activeMask, device);
                    Tensor dormantQ = queries[0];
                    Tensor activeQ = queries[1];
                    double nDorm = dormantQ.sum().item_double();
                    double nAct = activeQ.sum().item_double();
                    counts[0] += nDorm;
                    counts[1] += nAct;
                    counts[2] += 1;
                    counts[3] += ids.size(0) * (double) t;
                    Tensor[][] grabbed = new Tensor[layers][5];
                    Tensor[] resid = new Tensor[layers];
                    List<HookPoint.Handle> handles = new ArrayList<>();
                    for (int l = 0; l < layers; l++) {
                        int li = l;
                        String p = "blocks." + l + ".";
                        handles.add(model.hookPoint(p + "attn.pattern", true).read(x -> grabbed[li][0] = x));
                        handles.add(model.hookPoint(p + "attn.v", true).read(x -> grabbed[li][1] = x));
                        handles.add(model.hookPoint(p + "attn.z", true).read(x -> grabbed[li][2] = x));
                        handles.add(model.hookPoint(p + "resid_post", true).read(x -> resid[li] = x));
                        HookPoint gate = model.hookPoint(p + "attn.gate_scores", false);
                        if (gate != null) {
                            handles.add(gate.read(x -> grabbed[li][3] = x));
                        }
                        HookPoint sink = model.hookPoint(p + "attn.sink", false);
                        if (sink != null) {
                            handles.add(sink.read(x -> grabbed[li][4] = x));
                        }
                    }
                    try {
                        model.forward(ids);
                    } finally {
                        handles.forEach(HookPoint.Handle::close);
                    }
                    for (int l = 0; l < layers; l++) {
                        accumulate(acc.get(l), grabbed[l], dormantQ, activeQ, t, hist, seen);
                        maxAct[0] = Math.max(maxAct[0], resid[l].abs().max().item_double());
                    }
                    double[] s = Tensors.toDoubles(resid[layers - 1].abs().mean(new long[] {0, 1}, false,
                            new ScalarTypeOptional()));
                    if (stripe == null) {
                        stripe = new double[s.length];
                    }
                    for (int k = 0; k < s.length; k++) {
                        stripe[k] += s[k];
                    }
                }
            }
        }
        return summarize(acc, counts, hist, maxAct[0], stripe, seen, layers, heads);
    }

    /**
     * The dormant and active queries of a batch as float masks [B, T]: positions i ≥ 1 (position 0 attends to itself
     * alone) that {@code activeMask} leaves unmarked / marks; with a null mask every such query is dormant.
     */
    static Tensor[] queryMasks(Batch b, Tensor ids, Function<Tensor, Tensor> activeMask, Device device) {
        long t = ids.size(1);
        Tensor active = activeMask == null ? torch.zeros_like(ids).to(torch.ScalarType.Bool)
                : activeMask.apply(b.inputs()).to(device, torch.ScalarType.Bool);
        Tensor later = torch.arange(Tensors.s(t)).to(device, torch.ScalarType.Long).ge(Tensors.s(1L))
                .unsqueeze(0).expand(ids.size(0), t);
        return new Tensor[] {later.logical_and(active.logical_not()).to(torch.ScalarType.Float),
            later.logical_and(active).to(torch.ScalarType.Float)};
    }

    /** Adds one batch of one layer: pattern, v, z [B, H, T, ·], gate scores, sink weight. */
    private static void accumulate(Acc a, Tensor[] x, Tensor dormantQ, Tensor activeQ, long t, double[] hist,
            boolean[] seen) {
        Tensor pattern = x[0].to(torch.ScalarType.Float);
        Tensor v = x[1].to(torch.ScalarType.Float);
        Tensor z = x[2].to(torch.ScalarType.Float);
        Tensor dq = dormantQ.unsqueeze(1);                       // [B, 1, T]
        Tensor aq = activeQ.unsqueeze(1);
        Tensor bos = pattern.select(-1, 0);                      // [B, H, T]
        Tensor uniform = torch.arange(Tensors.s(t)).to(torch.ScalarType.Float).add(Tensors.s(1.0)).reciprocal();
        long[] bt = {0, 2};
        a.add(BOS, bos.mul(dq).sum(bt, false, new ScalarTypeOptional()));
        a.add(BOSACT, bos.mul(aq).sum(bt, false, new ScalarTypeOptional()));
        a.add(EXCESS, bos.sub(uniform).mul(dq).sum(bt, false, new ScalarTypeOptional()));
        Tensor vNorm = norm(v);                                  // [B, H, T]
        Tensor zNorm = norm(z);
        Tensor share = bos.mul(vNorm.select(-1, 0).unsqueeze(-1)).div(zNorm.clamp_min(Tensors.s(1e-12)));
        a.add(CONTRIB, share.mul(dq).sum(bt, false, new ScalarTypeOptional()));
        a.add(VNORM0, vNorm.select(-1, 0).sum(new long[] {0}, false, new ScalarTypeOptional()));
        a.add(VNORMREST, Tensors.slice(vNorm, -1, 1, t).mean(new long[] {-1}, false, new ScalarTypeOptional())
                .sum(new long[] {0}, false, new ScalarTypeOptional()));
        a.add(ZDORM, zNorm.mul(dq).sum(bt, false, new ScalarTypeOptional()));
        a.add(ZACT, zNorm.mul(aq).sum(bt, false, new ScalarTypeOptional()));
        if (x[4] != null) {
            seen[0] = true;
            a.add(SINK, x[4].to(torch.ScalarType.Float).mul(dq).sum(bt, false, new ScalarTypeOptional()));
        }
        if (x[3] != null) {
            seen[1] = true;
            Tensor gate = x[3].to(torch.ScalarType.Float).mean(new long[] {-1}, false, new ScalarTypeOptional());
            a.add(GATE, gate.sum(bt, false, new ScalarTypeOptional()));
            a.add(GATEDORM, gate.mul(dq).sum(bt, false, new ScalarTypeOptional()));
            a.add(GATEACT, gate.mul(aq).sum(bt, false, new ScalarTypeOptional()));
            double[] h = Tensors.toDoubles(torch.histc(x[3].to(torch.ScalarType.Float).clamp(
                    new org.bytedeco.pytorch.ScalarOptional(Tensors.s(0.0)),
                    new org.bytedeco.pytorch.ScalarOptional(Tensors.s(1.0))), 10, Tensors.s(0.0), Tensors.s(1.0)));
            for (int i = 0; i < 10; i++) {
                hist[i] += h[i];
            }
        }
    }

    private static Tensor norm(Tensor x) {
        return x.pow(Tensors.s(2.0)).sum(new long[] {-1}, false, new ScalarTypeOptional()).sqrt();
    }

    private static SinkStats summarize(List<Acc> acc, double[] counts, double[] hist, double maxAct, double[] stripe,
            boolean[] seen, int layers, int heads) {
        double[][][] out = new double[10][layers][heads];
        for (int l = 0; l < layers; l++) {
            double[][] s = acc.get(l).sums;
            for (int h = 0; h < heads; h++) {
                out[0][l][h] = s[BOS][h] / counts[0];
                out[1][l][h] = s[EXCESS][h] / counts[0];
                out[2][l][h] = s[CONTRIB][h] / counts[0];
                out[3][l][h] = s[VNORM0][h] / s[VNORMREST][h];
                out[4][l][h] = counts[1] == 0 ? Double.NaN : (s[ZDORM][h] / counts[0]) / (s[ZACT][h] / counts[1]);
                out[5][l][h] = seen[0] ? s[SINK][h] / counts[0] : Double.NaN;
                out[6][l][h] = seen[1] ? s[GATE][h] / counts[3] : Double.NaN;
                out[7][l][h] = seen[1] ? s[GATEDORM][h] / counts[0] : Double.NaN;
                out[8][l][h] = seen[1] && counts[1] > 0 ? s[GATEACT][h] / counts[1] : Double.NaN;
                out[9][l][h] = counts[1] == 0 ? Double.NaN : s[BOSACT][h] / counts[1];
            }
        }
        double total = Arrays.stream(hist).sum();
        double[] histogram = Arrays.stream(hist).map(v -> total == 0 ? Double.NaN : v / total).toArray();
        double meanAll = Arrays.stream(stripe).average().orElse(Double.NaN);
        int best = 0;
        for (int k = 1; k < stripe.length; k++) {
            if (stripe[k] > stripe[best]) {
                best = k;
            }
        }
        return new SinkStats(out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7], out[8], out[9], histogram,
                maxAct, stripe[best] / meanAll, best);
    }
}
