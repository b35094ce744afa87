package org.lmlab.tensor;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The few helpers where libtorch's raw API is noisy: building tensors from Java arrays, reading them back,
 * scalars, options and slicing. Everything else is plain {@code org.bytedeco.pytorch} calls.
 *
 * <p>Reading a tensor into a Java array copies (and syncs a GPU); call it for results and tests, never per
 * element on a hot path.
 */
public final class Tensors {
    private Tensors() {}

    public static Scalar s(double v) {
        return new Scalar(v);
    }

    public static Scalar s(long v) {
        return new Scalar(v);
    }

    public static TensorOptions options(ScalarType dtype, Device device) {
        return new TensorOptions(dtype).device(new DeviceOptional(device));
    }

    public static TensorOptions options(ScalarType dtype) {
        return new TensorOptions(dtype);
    }

    /** A float32 CPU tensor holding a copy of {@code data}. */
    public static Tensor floats(float[] data, long... shape) {
        checkSize(data.length, shape);
        Tensor t = torch.empty(shape, options(ScalarType.Float), new MemoryFormatOptional());
        new FloatPointer(t.data_ptr_float()).put(data);
        return t;
    }

    /** A float64 CPU tensor holding a copy of {@code data}. */
    public static Tensor doubles(double[] data, long... shape) {
        checkSize(data.length, shape);
        Tensor t = torch.empty(shape, options(ScalarType.Double), new MemoryFormatOptional());
        new DoublePointer(t.data_ptr_double()).put(data);
        return t;
    }

    /** An int64 CPU tensor holding a copy of {@code data} (token ids, targets). */
    public static Tensor longs(long[] data, long... shape) {
        checkSize(data.length, shape);
        Tensor t = torch.empty(shape, options(ScalarType.Long), new MemoryFormatOptional());
        new LongPointer(t.data_ptr_long()).put(data);
        return t;
    }

    /** A 1-D uint8 CPU tensor holding a copy of {@code data}. */
    public static Tensor bytes(byte[] data) {
        Tensor t = torch.empty(new long[] {data.length}, options(ScalarType.Byte), new MemoryFormatOptional());
        new BytePointer(t.data_ptr_byte()).put(data);
        return t;
    }

    /** Copies any tensor's values out as floats (converts dtype, moves to CPU, makes contiguous). */
    public static float[] toFloats(Tensor t) {
        Tensor c = t.detach().to(ScalarType.Float).cpu().contiguous();
        float[] out = new float[(int) c.numel()];
        new FloatPointer(c.data_ptr_float()).get(out);
        return out;
    }

    /** Copies any tensor's values out as doubles. */
    public static double[] toDoubles(Tensor t) {
        Tensor c = t.detach().to(ScalarType.Double).cpu().contiguous();
        double[] out = new double[(int) c.numel()];
        new DoublePointer(c.data_ptr_double()).get(out);
        return out;
    }

    /** Copies any integer tensor's values out as longs. */
    public static long[] toLongs(Tensor t) {
        Tensor c = t.detach().to(ScalarType.Long).cpu().contiguous();
        long[] out = new long[(int) c.numel()];
        new LongPointer(c.data_ptr_long()).get(out);
        return out;
    }

    public static long[] shape(Tensor t) {
        int dims = (int) t.dim();
        long[] out = new long[dims];
        for (int i = 0; i < dims; i++) {
            out[i] = t.size(i);
        }
        return out;
    }

    /**
     * {@code t.chunk(n, dim)} as owned views. Why not {@link #slice} per part: each slice's backward allocates a
     * zero tensor of t's full size and copies its gradient in (measured: ~7% of a reference training step in
     * {@code fill}), where chunk's backward concatenates the parts' gradients once. Each element is copied out of
     * the TensorVector into its own handle, because {@code TensorVector.get} points into the vector's memory.
     */
    public static Tensor[] chunk(Tensor t, int n, long dim) {
        return owned(t.chunk(n, dim));
    }

    /** {@code t.unbind(dim)} as owned views; the backward stacks the gradients (see {@link #chunk}). */
    public static Tensor[] unbind(Tensor t, long dim) {
        return owned(t.unbind(dim));
    }

    /** Each element of a result vector re-wrapped by the copy constructor, so it outlives the vector. */
    static Tensor[] owned(TensorVector parts) {
        Tensor[] out = new Tensor[(int) parts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Tensor(parts.get(i));
        }
        return out;
    }

    /** {@code t[..., start:end, ...]} along {@code dim} (a view). */
    public static Tensor slice(Tensor t, long dim, long start, long end) {
        return t.slice(dim, new LongOptional(start), new LongOptional(end), 1);
    }

    public static double item(Tensor t) {
        return t.item_double();
    }

    /** Whether every element is finite (one reduction, one sync). */
    public static boolean allFinite(Tensor t) {
        return t.isfinite().all().item_bool();
    }

    private static void checkSize(int length, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("shape holds " + n + " elements but data has " + length);
        }
    }
}
