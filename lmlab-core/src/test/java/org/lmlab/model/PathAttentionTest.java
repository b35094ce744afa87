package org.lmlab.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.nn.GradCheck;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;
import org.lmlab.tensor.Dtype;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** PaTH: the three logit computations agree in float64, β = 0 is NoPE, decoding equals the forward, gradients. */
class PathAttentionTest {
    private static final Device CPU = new Device("cpu");

    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static Tensor f64(long... shape) {
        return torch.randn(shape).to(torch.ScalarType.Double);
    }

    private static Tensor unit(Tensor w) {
        return w.div(w.pow(Tensors.s(2.0)).sum(new long[] {-1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()).sqrt());
    }

    private static double maxLowerDiff(Tensor a, Tensor b) {
        long l = a.size(-1);
        Tensor lower = torch.ones(l, l).tril().to(torch.ScalarType.Double);
        return a.sub(b).mul(lower).abs().max().item_double();
    }

    @Test
    void naiveCompactAndChunkedAgreeInFloat64() {
        Rng.seed(11);
        long l = 11;
        Tensor q = f64(2, 2, l, 4);
        Tensor k = f64(2, 2, l, 4);
        Tensor w = unit(f64(2, 2, l, 4));
        Tensor beta = torch.rand(2, 2, l).to(torch.ScalarType.Double).mul(Tensors.s(2.0));
        Tensor naive = PathLogits.naive(q, k, w, beta);
        double compact = maxLowerDiff(naive, PathLogits.compact(q, k, w, beta));
        assertTrue(compact < 1e-9, "compact vs naive: " + compact);
        for (int chunk : new int[] {1, 3, 4, 11, 16}) {
            double chunked = maxLowerDiff(naive, PathLogits.chunked(q, k, w, beta, chunk));
            assertTrue(chunked < 1e-9, "chunk " + chunk + " vs naive: " + chunked);
        }
        // The transitions matter: the logits differ from plain q·k.
        assertTrue(maxLowerDiff(naive, q.matmul(k.transpose(-2, -1))) > 0.1);
    }

    @Test
    void twoStepProductByHand() {
        // d = 2, w_1 = e_1, β_1 = 1 (a projection away from e_1), w_2 = e_2, β_2 = 2 (a reflection of e_2).
        Tensor w = Tensors.doubles(new double[] {0, 0, 1, 0, 0, 1}, 1, 1, 3, 2);
        Tensor beta = Tensors.doubles(new double[] {0.5, 1, 2}, 1, 1, 3);
        Tensor q = Tensors.doubles(new double[] {1, 1, 1, 1, 1, 1}, 1, 1, 3, 2);
        Tensor k = Tensors.doubles(new double[] {3, 5, 3, 5, 3, 5}, 1, 1, 3, 2);
        Tensor got = PathLogits.chunked(q, k, w, beta, 2);
        // logit(2,0) = q·(H_2 H_1 k) = (1,1)·H_2 (0,5) = (1,1)·(0,−5) = −5; logit(1,0) = (1,1)·(0,5) = 5;
        // logit(2,1) = (1,1)·H_2 (3,5) = (1,1)·(3,−5) = −2; diagonal = q·k = 8.
        double[] v = Tensors.toDoubles(got);
        assertTrue(Math.abs(v[3] - 5) < 1e-12 && Math.abs(v[6] + 5) < 1e-12 && Math.abs(v[7] + 2) < 1e-12
                && Math.abs(v[0] - 8) < 1e-12 && Math.abs(v[8] - 8) < 1e-12, java.util.Arrays.toString(v));
    }

    @Test
    void betaZeroIsNoPositionEncoding() {
        Rng.seed(12);
        Tensor q = f64(1, 2, 9, 4);
        Tensor k = f64(1, 2, 9, 4);
        Tensor w = unit(f64(1, 2, 9, 4));
        Tensor zero = torch.zeros(1, 2, 9).to(torch.ScalarType.Double);
        assertTrue(maxLowerDiff(PathLogits.chunked(q, k, w, zero, 4), q.matmul(k.transpose(-2, -1))) < 1e-12);
        // At the layer: β = 2σ(−∞) = 0 makes PaTH attention equal to softmax attention without positions.
        DecoderConfig c = config(false);
        Rng.seed(13);
        Decoder path = new Decoder(c);
        Rng.seed(13);
        Decoder nope = new Decoder(c.withAttention(AttentionSpec.defaults()));
        path.to(Dtype.FLOAT64, CPU);
        nope.to(Dtype.FLOAT64, CPU);
        try (NoGrad g = NoGrad.enter()) {
            for (var e : nope.namedParameters().entrySet()) {
                path.namedParameters().get(e.getKey()).tensor().copy_(e.getValue().tensor());
            }
            path.namedParameters().forEach((name, p) -> {
                if (name.endsWith("beta_proj.weight")) {
                    p.tensor().zero_();
                } else if (name.endsWith("beta_proj.bias")) {
                    p.tensor().fill_(Tensors.s(-1e4));
                }
            });
            Tensor ids = Tensors.longs(new long[] {1, 4, 2, 2, 7, 3, 0, 5, 6}, 1, 9);
            double d = path.forward(ids).sub(nope.forward(ids)).abs().max().item_double();
            assertTrue(d < 1e-12, "β = 0 PaTH vs NoPE: " + d);
        }
    }

    private static DecoderConfig config(boolean forget) {
        return new DecoderConfig(9, 8, 2, 2, 16, 16, Norm.Kind.RMSNORM, Mlp.Kind.GELU, DecoderConfig.Position.NONE,
                10000, false, false, 1e-5, 0.3, DecoderConfig.AttentionImpl.AUTO,
                AttentionSpec.of(AttentionSpec.Kind.PATH).withPath(3, 3, 4, forget), null, null);
    }

    @Test
    void cachedDecodingEqualsTheFullForward() {
        for (boolean forget : new boolean[] {false, true}) {
            Rng.seed(14);
            DecoderConfig c = config(forget);
            PathAttention attn = new PathAttention(c, null);
            attn.to(Dtype.FLOAT64, CPU);
            Tensor x = f64(2, 10, 8);
            try (NoGrad g = NoGrad.enter()) {
                Tensor full = attn.forward(x);
                PathAttention.PathCache cache = attn.newCache();
                TensorVector steps = new TensorVector();
                for (int t = 0; t < 10; t++) {
                    steps.push_back(attn.decode(Tensors.slice(x, 1, t, t + 1), cache));
                }
                double d = full.sub(torch.cat(steps, 1)).abs().max().item_double();
                assertTrue(d < 1e-10, "forget=" + forget + ": decode vs forward " + d);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Rng.seed(15);
        Decoder m = new Decoder(config(true));
        m.to(Dtype.FLOAT64, CPU);
        Tensor ids = Tensors.longs(new long[] {1, 4, 2, 2, 7, 3, 0, 5, 6, 8}, 1, 10);
        Tensor targets = Tensors.longs(new long[] {4, 2, 2, 7, 3, 0, 5, 6, 8, 1}, 1, 10);
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        m.namedParameters().forEach((name, p) -> {
            if (name.startsWith("blocks.0.attn")) {
                leaves.put(name, p.tensor());
            }
        });
        assertTrue(leaves.containsKey("blocks.0.attn.w_conv") && leaves.containsKey("blocks.0.attn.forget.bias"));
        GradCheck.check(() -> m.loss(ids, targets), leaves, 3, 1e-5);
    }
}
