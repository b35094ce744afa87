package org.lmlab.repro.sharpgen;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * The hand-built memorizing interpolator of Wen, Li, Ma 2023 (with bias): one neuron per training point xᵢ,
 * <pre>
 *   wᵢ = c·xᵢ,  bᵢ = −c·(d − 1),  aᵢ = yᵢ / c,  c = (d + 1)^{1/4}.
 * </pre>
 * On {±1}^d, wᵢ·x + bᵢ = c(1 − 2·hamming(x, xᵢ)): the neuron fires (value c) only at x = xᵢ, so f(xᵢ) = yᵢ and
 * f = 0 on every other point — test MSE E[y²] = 1. At xᵢ exactly one neuron is active and contributes
 * c² + aᵢ²(d + 1) = 2√(d+1), the AM–GM minimum: the trace is the smallest any interpolator can have.
 * Neurons beyond n are zero (they contribute nothing).
 */
final class Memorizer {
    private Memorizer() {}

    static void build(TwoLayerRelu net, ProductTask task) {
        int n = task.n();
        int d = task.d;
        if (!net.bias || net.width < n) {
            throw new IllegalArgumentException("the memorizer needs biases and width >= n");
        }
        double c = Math.pow(d + 1, 0.25);
        double[] w = new double[net.width * d];
        double[] b = new double[net.width];
        double[] a = new double[net.width];
        double[] y = Tensors.toDoubles(task.trainY);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                w[i * d + j] = c * task.train[i][j];
            }
            b[i] = -c * (d - 1);
            a[i] = y[i] / c;
        }
        Tensor zero = torch.zeros(new long[] {net.width}, Tensors.options(torch.ScalarType.Double));
        net.set(Tensors.doubles(w, net.width, d), net.bias ? Tensors.doubles(b, net.width) : zero,
                Tensors.doubles(a, 1, net.width));
    }
}
