package org.lmlab.tensor;

/**
 * Marks a block whose forward passes will be differentiated twice (Hessian-vector products, {@link Hvp}):
 * {@code try (var s = SecondOrder.enter()) { loss = model.loss(...); }}. Modules with a fused kernel that has no
 * double backward take their twice-differentiable path inside it: libtorch 2.10's fused scaled-dot-product attention
 * kernels implement only the first backward, so a double backward through them fails ("derivative for
 * aten::_scaled_dot_product_flash_attention_for_cpu_backward is not implemented"; on CUDA pytorch/pytorch#116350)
 * instead of falling back to the math path. Per thread; blocks nest; close restores the previous state.
 */
public final class SecondOrder implements AutoCloseable {
    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    private SecondOrder() {
        DEPTH.set(DEPTH.get() + 1);
    }

    public static SecondOrder enter() {
        return new SecondOrder();
    }

    /** Whether the current thread is inside a {@link #enter()} block. */
    public static boolean active() {
        return DEPTH.get() > 0;
    }

    @Override
    public void close() {
        DEPTH.set(DEPTH.get() - 1);
    }
}
