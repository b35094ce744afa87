package org.lmlab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/**
 * Updates parameters from gradients.
 *
 * <p>Lifecycle and contract:
 * <ol>
 *   <li>Construct with the named parameters (outside any {@code PointerScope}): all state tensors are created
 *       here, so they outlive the per-step scopes.</li>
 *   <li>Each step, set {@link #setLearningRate} (the trainer does it from its schedule), then call
 *       {@link #step(LossClosure)}. The optimizer evaluates the gradient through the {@link #gradient} hook
 *       (by default: clear gradients, run the closure once; {@link Sam} overrides it to evaluate at an ascent
 *       point and restore the parameters), clips by global norm
 *       ({@code clipNorm > 0}), checks that loss and gradient norm are finite — throwing
 *       {@link NonFiniteException} <em>before</em> touching any parameter — then updates in place. The reference
 *       order of the Fantastic-optimizers study: clip → transform → add wd·θ → multiply by −lr.</li>
 *   <li>{@link #exportState()} returns deep copies (never views of live state: a later step must not change an
 *       exported checkpoint); {@link #importState} copies values into the live state.</li>
 * </ol>
 */
public abstract class Optimizer {
    protected final Map<String, Parameter> params;
    private final Map<String, Tensor> state = new LinkedHashMap<>();
    private final double clipNorm;
    private double lr;
    private long steps;
    private double lastGradNorm = Double.NaN;
    private double lastLoss = Double.NaN;
    private long lastUpdateNanos;

    protected Optimizer(Map<String, Parameter> params, double lr, double clipNorm) {
        this.params = new LinkedHashMap<>(params);
        this.lr = lr;
        this.clipNorm = clipNorm;
    }

    /** One optimization step; returns the loss at the current parameters (before the update). */
    public final Tensor step(LossClosure closure) {
        Tensor loss = gradient(closure);
        double lossValue = loss.item_double();
        lastLoss = lossValue;
        lastGradNorm = GradClip.clipGlobalNorm(params.values(), clipNorm);
        if (!Double.isFinite(lossValue) || !Double.isFinite(lastGradNorm)) {
            throw new NonFiniteException("loss " + lossValue + ", gradient norm " + lastGradNorm);
        }
        steps++;
        long start = System.nanoTime();
        try (NoGrad g = NoGrad.enter()) {
            update(steps, closure);
        }
        lastUpdateNanos = System.nanoTime() - start;
        return loss;
    }

    /**
     * The gradient-evaluation hook: leaves in every parameter's {@code grad()} the gradient the update will use
     * and returns the loss to report (the loss at the current parameters). The default clears the gradients and
     * runs the closure once. Overrides (SAM's ascent-then-descent evaluation) may call the closure several times
     * and move the parameters in between, but must return with every parameter exactly as it was on entry.
     */
    protected Tensor gradient(LossClosure closure) {
        zeroGrad();
        return closure.compute();
    }

    /** Drops every parameter's accumulated gradient. */
    protected final void zeroGrad() {
        for (Parameter p : params.values()) {
            p.zeroGrad();
        }
    }

    /** Applies the update for step number {@code t} (1-based) to every parameter; gradients are final. */
    protected abstract void update(long t);

    /**
     * The update with access to the step's closure, for optimizers that need more than the gradient (Sophia's
     * Hessian-vector products through {@link LossClosure#loss()}); runs under no-grad like {@link #update(long)},
     * which it calls unless overridden.
     */
    protected void update(long t, LossClosure closure) {
        update(t);
    }

    /**
     * Optimizer-specific state tensors by name, e.g. {@code blocks.0.attn.qkv.weight.exp_avg} (live, not copies):
     * by default everything registered with {@link #state}.
     */
    protected Map<String, Tensor> liveState() {
        return state;
    }

    /**
     * Registers a state tensor under {@code name} (by convention {@code <parameter>.<state>}) and returns it. Call
     * from the constructor, outside any {@code PointerScope}: state must outlive the per-step scopes, so
     * {@code update} only ever changes it in place.
     */
    protected final Tensor state(String name, Tensor initial) {
        if (state.put(name, initial) != null) {
            throw new IllegalStateException("optimizer state '" + name + "' registered twice");
        }
        return initial;
    }

    /** What {@link #forEachGradient} calls for each parameter that has a gradient. */
    @FunctionalInterface
    protected interface GradientStep {
        void apply(String name, Parameter p, Tensor grad);
    }

    /** Calls {@code body} for every parameter that has a gradient this step, in registration order. */
    protected final void forEachGradient(GradientStep body) {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor g = e.getValue().grad();
            if (g.defined()) {
                body.apply(e.getKey(), e.getValue(), g);
            }
        }
    }

    /**
     * The step every optimizer ends with, in the reference order: θ ← θ − lr·(u + wd·θ), the learning-rate-coupled
     * decay only for roles that {@link AdamW#decays} allows.
     */
    protected static void descend(Parameter p, Tensor u, double lr, double weightDecay) {
        Tensor theta = p.tensor();
        if (weightDecay != 0 && AdamW.decays(p.role())) {
            theta.mul_(Tensors.s(1 - lr * weightDecay));
        }
        theta.add_(u, Tensors.s(-lr));
    }

    public final Map<String, Tensor> exportState() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        liveState().forEach((k, v) -> out.put(k, v.detach().clone()));
        return out;
    }

    /** Copies saved state into the live tensors; a missing or mis-shaped entry is an error naming it. */
    public final void importState(Map<String, Tensor> saved, long stepCount) {
        try (NoGrad g = NoGrad.enter()) {
            for (Map.Entry<String, Tensor> e : liveState().entrySet()) {
                Tensor src = saved.get(e.getKey());
                if (src == null) {
                    throw new IllegalArgumentException("optimizer state lacks '" + e.getKey() + "'");
                }
                if (!src.is_same_size(e.getValue())) {
                    throw new IllegalArgumentException("optimizer state '" + e.getKey() + "' has the wrong shape");
                }
                e.getValue().copy_(src);
            }
        }
        this.steps = stepCount;
    }

    public final void setLearningRate(double lr) {
        this.lr = lr;
    }

    public final double learningRate() {
        return lr;
    }

    /** Number of updates applied so far. */
    public final long steps() {
        return steps;
    }

    /** The global-norm clip this optimizer applies (0 = off). */
    public final double clipNorm() {
        return clipNorm;
    }

    /**
     * Wall time of the last {@code update} — the optimizer's own cost, without the closure's forward and backward
     * (Sophia-H's Hessian-vector products included). On a GPU it measures kernel launches unless synchronized.
     */
    public final long lastUpdateNanos() {
        return lastUpdateNanos;
    }

    /** The loss {@link #step} returned last, as a number (already read once for the finiteness check). */
    public final double lastLoss() {
        return lastLoss;
    }

    /** Global gradient norm before clipping, measured in the last step. */
    public final double lastGradNorm() {
        return lastGradNorm;
    }

    protected final List<Parameter> parameterList() {
        return List.copyOf(params.values());
    }
}
