package org.lmlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.tensor.Dtype;
import org.lmlab.tensor.NoGrad;

/**
 * A node of a model: named {@link Parameter}s, named child modules and named {@link HookPoint}s. Subclasses
 * register them in their constructor, in a fixed order, and write {@code forward} as plain Java over tensors.
 *
 * <p>Names compose with dots: a parameter {@code weight} of child {@code q} of child {@code attn} of child
 * {@code blocks.0} is {@code blocks.0.attn.q.weight}. The order of registration fixes the order of parameter
 * initialization (so the same seed gives the same weights) and of {@link #namedParameters()}.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, HookPoint> hookPoints = new LinkedHashMap<>();
    private Dtype dtype = Dtype.FLOAT32;

    /** Registers a trainable tensor; it is detached and made a grad-requiring leaf. */
    protected final Parameter parameter(String name, Tensor initial, Role role) {
        return parameter(name, initial, role, List.of());
    }

    /** Registers a fused weight matrix whose rows stack the logical matrices {@code blocks}. */
    protected final Parameter parameter(String name, Tensor initial, Role role, List<RowBlock> blocks) {
        checkFree(name);
        Parameter p = new Parameter(initial, role, blocks);
        parameters.put(name, p);
        return p;
    }

    /** Registers a child module under {@code name} and returns it. */
    protected final <M extends Module> M child(String name, M module) {
        checkFree(name);
        children.put(name, module);
        return module;
    }

    /** Registers a hook point under {@code name} and returns it. */
    protected final HookPoint hookPoint(String name) {
        checkFree(name);
        HookPoint point = new HookPoint();
        hookPoints.put(name, point);
        return point;
    }

    /** All parameters of this module and its descendants, by dotted name, in registration order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out, null);
        return Collections.unmodifiableMap(out);
    }

    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** All hook points of this module and its descendants, by dotted name. */
    public final Map<String, HookPoint> hookPoints() {
        Map<String, HookPoint> out = new LinkedHashMap<>();
        collect("", null, out);
        return Collections.unmodifiableMap(out);
    }

    /** The hook point with this full name; an unknown name is an error listing a few valid ones. */
    public final HookPoint hookPoint(String fullName, boolean required) {
        HookPoint p = hookPoints().get(fullName);
        if (p == null && required) {
            List<String> names = new ArrayList<>(hookPoints().keySet());
            throw new IllegalArgumentException("no hook point '" + fullName + "' (e.g. "
                    + String.join(", ", names.subList(0, Math.min(6, names.size()))) + ", ...)");
        }
        return p;
    }

    /** Removes every hook from every hook point of this module tree. */
    public final void clearHooks() {
        hookPoints().values().forEach(HookPoint::clear);
    }

    public final long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.numel();
        }
        return n;
    }

    /** Parameters whose role is in {@code roles}, counted. */
    public final long parameterCount(Role... roles) {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            for (Role r : roles) {
                if (p.role() == r) {
                    n += p.numel();
                }
            }
        }
        return n;
    }

    /**
     * Moves every parameter to {@code dtype}'s storage type on {@code device} (a fresh leaf each; drop optimizers
     * first) and records {@code dtype}, so a model can enter its compute precision in {@code forward}.
     */
    public final void to(Dtype dtype, Device device) {
        this.dtype = dtype;
        try (NoGrad g = NoGrad.enter()) {
            for (Parameter p : namedParameters().values()) {
                p.replace(p.tensor().to(device, dtype.scalarType()));
            }
        }
    }

    /** The dtype given to the last {@link #to} call on this module ({@link Dtype#FLOAT32} before any). */
    public final Dtype dtype() {
        return dtype;
    }

    /** Drops all parameter gradients. */
    public final void zeroGrad() {
        for (Parameter p : namedParameters().values()) {
            p.zeroGrad();
        }
    }

    private void collect(String prefix, Map<String, Parameter> params, Map<String, HookPoint> points) {
        if (params != null) {
            parameters.forEach((k, v) -> params.put(prefix + k, v));
        }
        if (points != null) {
            hookPoints.forEach((k, v) -> points.put(prefix + k, v));
        }
        children.forEach((k, v) -> v.collect(prefix + k + ".", params, points));
    }

    private void checkFree(String name) {
        if (parameters.containsKey(name) || children.containsKey(name) || hookPoints.containsKey(name)) {
            throw new IllegalStateException("name '" + name + "' registered twice in " + getClass().getSimpleName());
        }
    }
}
