package org.lmlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;

/**
 * A named place in a forward pass where probes read, replace or add to an activation, e.g.
 * {@code blocks.2.attn.pattern} or {@code blocks.2.resid_post}.
 *
 * <p>Cost when unused: one list-emptiness check; the activation passes through untouched. Hooks run in the order
 * they were added; each receives the (possibly already modified) activation and returns what flows on. A hook that
 * keeps an activation beyond the current step must copy it ({@code x.detach().clone()}), since the step's
 * {@code PointerScope} frees it afterwards.
 */
public final class HookPoint {
    private final List<UnaryOperator<Tensor>> hooks = new ArrayList<>(1);

    /** Passes {@code x} through the hooks (or returns it unchanged when there are none). */
    public Tensor apply(Tensor x) {
        if (hooks.isEmpty()) {
            return x;
        }
        Tensor out = x;
        for (UnaryOperator<Tensor> hook : hooks) {
            out = hook.apply(out);
        }
        return out;
    }

    /** Whether any hook is attached (attention uses it to pick the explicit-weights path). */
    public boolean active() {
        return !hooks.isEmpty();
    }

    /** Observes the activation without changing it. */
    public Handle read(Consumer<Tensor> reader) {
        return replace(x -> {
            reader.accept(x);
            return x;
        });
    }

    /** Replaces the activation by {@code f(x)} (e.g. ablation, clipping, patching). */
    public Handle replace(UnaryOperator<Tensor> f) {
        hooks.add(f);
        return new Handle(this, f);
    }

    /** Adds {@code delta} (broadcast) to the activation, e.g. a steering vector. */
    public Handle add(Tensor delta) {
        return replace(x -> x.add(delta));
    }

    public void clear() {
        hooks.clear();
    }

    /** Removes its hook when closed: {@code try (var h = point.read(...)) { model.forward(x); }}. */
    public record Handle(HookPoint point, UnaryOperator<Tensor> hook) implements AutoCloseable {
        @Override
        public void close() {
            point.hooks.remove(hook);
        }
    }
}
