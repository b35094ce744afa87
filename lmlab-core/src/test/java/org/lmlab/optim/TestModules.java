package org.lmlab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.lmlab.nn.Module;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.nn.RowBlock;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/** Small float64 modules whose gradients are set exactly: L = Σ_p Σ θ_p ⊙ G_p, so ∂L/∂θ_p = G_p. */
final class TestModules {
    private TestModules() {}

    /** A module of named parameters with given roles (and, optionally, row blocks); values drawn from a seed. */
    static final class Bag extends Module {
        Bag add(String name, Role role, List<RowBlock> blocks, long... shape) {
            parameter(name, torch.randn(shape, Tensors.options(ScalarType.Double)), role, blocks);
            return this;
        }

        Bag add(String name, Role role, long... shape) {
            return add(name, role, List.of(), shape);
        }
    }

    /** One parameter of every role: a hidden matrix, embedding and head tables, a gain and a bias. */
    static Bag everyRole(long seed) {
        Rng.seed(seed);
        return new Bag().add("hidden", Role.MATRIX, 4, 3).add("embed", Role.EMBEDDING, 5, 3)
                .add("head", Role.HEAD, 5, 3).add("gain", Role.GAIN, 3).add("bias", Role.BIAS, 3);
    }

    /** Fixed gradients for every parameter of {@code m}, drawn from {@code seed}. */
    static Map<String, Tensor> gradients(Module m, long seed) {
        Rng.seed(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> out.put(k, torch.randn(p.shape(), Tensors.options(ScalarType.Double))));
        return out;
    }

    /** The closure whose gradient is exactly {@code grads}. */
    static LossClosure closure(Module m, Map<String, Tensor> grads) {
        return () -> {
            Tensor loss = null;
            for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
                Tensor term = e.getValue().tensor().mul(grads.get(e.getKey())).sum();
                loss = loss == null ? term : loss.add(term);
            }
            loss.backward();
            return loss;
        };
    }

    /** A deep copy of every parameter's current value. */
    static Map<String, double[]> values(Module m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> out.put(k, Tensors.toDoubles(p.tensor())));
        return out;
    }
}
