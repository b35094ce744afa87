package org.lmlab.repro.sharpgen;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.tensor.Tensors;

/**
 * y = x₁·x₂ with x uniform on {±1}^d (the task of Wen, Li, Ma 2023): n distinct training points and a test set of
 * fresh points none of which is a training point (so a memorizer cannot look its answers up), float64.
 */
final class ProductTask {
    final int d;
    final Tensor trainX;
    final Tensor trainY;
    final Tensor testX;
    final Tensor testY;
    final double[][] train;

    ProductTask(int d, int n, int nTest, long seed) {
        if (n + nTest > 0.9 * Math.pow(2, d)) {
            throw new IllegalArgumentException("{±1}^" + d + " is too small for " + n + " + " + nTest + " distinct points");
        }
        this.d = d;
        SplittableRandom rng = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>();
        this.train = draw(rng, n, seen);
        double[][] test = draw(rng, nTest, seen);
        this.trainX = matrix(train);
        this.trainY = labels(train);
        this.testX = matrix(test);
        this.testY = labels(test);
    }

    private double[][] draw(SplittableRandom rng, int count, Set<String> seen) {
        double[][] out = new double[count][];
        int k = 0;
        while (k < count) {
            double[] x = new double[d];
            StringBuilder key = new StringBuilder();
            for (int j = 0; j < d; j++) {
                x[j] = rng.nextBoolean() ? 1 : -1;
                key.append(x[j] > 0 ? '+' : '-');
            }
            if (seen.add(key.toString())) {
                out[k++] = x;
            }
        }
        return out;
    }

    private Tensor matrix(double[][] rows) {
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return Tensors.doubles(flat, rows.length, d);
    }

    private static Tensor labels(double[][] rows) {
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = rows[i][0] * rows[i][1];
        }
        return Tensors.doubles(y, rows.length);
    }

    int n() {
        return train.length;
    }
}
