package org.lmlab.run;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

/**
 * A tensor in host memory as raw little-endian bytes plus a safetensors dtype name and a shape — the torch-free
 * currency of checkpoint files. The buffer is shared, not copied (a tensor read from a file is a view of the
 * memory-mapped file); {@link #data()} returns a fresh little-endian view positioned at the first byte.
 *
 * @param dtype a safetensors dtype: F64, F32, F16, BF16, I64, I32, I16, I8, U64, U32, U16, U8, BOOL,
 *              F8_E4M3, F8_E5M2
 * @param shape dimensions; {@code []} is a 0-d scalar holding one element
 * @param data  exactly {@code numel × itemSize} bytes (its remaining bytes)
 */
public record HostTensor(String dtype, long[] shape, ByteBuffer data) {

    private static final Map<String, Integer> ITEM_SIZE = Map.ofEntries(
            Map.entry("F64", 8), Map.entry("F32", 4), Map.entry("F16", 2), Map.entry("BF16", 2),
            Map.entry("I64", 8), Map.entry("I32", 4), Map.entry("I16", 2), Map.entry("I8", 1),
            Map.entry("U64", 8), Map.entry("U32", 4), Map.entry("U16", 2), Map.entry("U8", 1),
            Map.entry("BOOL", 1), Map.entry("F8_E4M3", 1), Map.entry("F8_E5M2", 1));

    public HostTensor {
        if (!isKnownDtype(dtype)) {
            throw new IllegalArgumentException("unknown dtype " + dtype + " (known: " + ITEM_SIZE.keySet() + ")");
        }
        shape = shape.clone();
        long expected = byteSize(dtype, shape);
        if (data.remaining() != expected) {
            throw new IllegalArgumentException(dtype + Arrays.toString(shape) + " needs " + expected
                    + " bytes, got " + data.remaining());
        }
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Bytes per element of a safetensors dtype; fails for unknown names. */
    public static int itemSize(String dtype) {
        Integer size = ITEM_SIZE.get(dtype);
        if (size == null) {
            throw new IllegalArgumentException("unknown dtype " + dtype);
        }
        return size;
    }

    public static boolean isKnownDtype(String dtype) {
        return dtype != null && ITEM_SIZE.containsKey(dtype);
    }

    /** Element count of {@code shape} (1 for a scalar); fails on negative dims or overflow. */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes of a tensor of {@code dtype} and {@code shape}. */
    public static long byteSize(String dtype, long[] shape) {
        return Math.multiplyExact(numel(shape), itemSize(dtype));
    }

    public static HostTensor ofFloats(long[] shape, float... values) {
        ByteBuffer b = allocate(values.length * 4L);
        b.asFloatBuffer().put(values);
        return new HostTensor("F32", shape, b);
    }

    public static HostTensor ofDoubles(long[] shape, double... values) {
        ByteBuffer b = allocate(values.length * 8L);
        b.asDoubleBuffer().put(values);
        return new HostTensor("F64", shape, b);
    }

    public static HostTensor ofLongs(long[] shape, long... values) {
        ByteBuffer b = allocate(values.length * 8L);
        b.asLongBuffer().put(values);
        return new HostTensor("I64", shape, b);
    }

    public static HostTensor ofInts(long[] shape, int... values) {
        ByteBuffer b = allocate(values.length * 4L);
        b.asIntBuffer().put(values);
        return new HostTensor("I32", shape, b);
    }

    /** BF16 from floats, rounding to nearest even like torch's {@code .to(torch.bfloat16)}. */
    public static HostTensor ofBf16(long[] shape, float... values) {
        ByteBuffer b = allocate(values.length * 2L);
        for (float v : values) {
            b.putShort(toBf16Bits(v));
        }
        return new HostTensor("BF16", shape, b.flip());
    }

    /** F16 from floats (IEEE half, round to nearest even). */
    public static HostTensor ofF16(long[] shape, float... values) {
        ByteBuffer b = allocate(values.length * 2L);
        for (float v : values) {
            b.putShort(Float.floatToFloat16(v));
        }
        return new HostTensor("F16", shape, b.flip());
    }

    public long numel() {
        return numel(shape);
    }

    public long byteSize() {
        return data.remaining();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The elements as floats, for floating dtypes (F64 values are narrowed). */
    public float[] toFloatArray() {
        float[] out = new float[Math.toIntExact(numel())];
        ByteBuffer b = data();
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype) {
                case "F32" -> b.getFloat(i * 4);
                case "F64" -> (float) b.getDouble(i * 8);
                case "BF16" -> Float.intBitsToFloat((b.getShort(i * 2) & 0xFFFF) << 16);
                case "F16" -> Float.float16ToFloat(b.getShort(i * 2));
                default -> throw new IllegalStateException("toFloatArray() on a " + dtype + " tensor");
            };
        }
        return out;
    }

    /** The elements as longs, for integer and boolean dtypes (unsigned values are zero-extended). */
    public long[] toLongArray() {
        long[] out = new long[Math.toIntExact(numel())];
        ByteBuffer b = data();
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype) {
                case "I64", "U64" -> b.getLong(i * 8);
                case "I32" -> b.getInt(i * 4);
                case "U32" -> b.getInt(i * 4) & 0xFFFFFFFFL;
                case "I16" -> b.getShort(i * 2);
                case "U16" -> b.getShort(i * 2) & 0xFFFF;
                case "I8" -> b.get(i);
                case "U8", "BOOL" -> b.get(i) & 0xFF;
                default -> throw new IllegalStateException("toLongArray() on a " + dtype + " tensor");
            };
        }
        return out;
    }

    /** Equal when dtype, shape and bytes are equal (records would otherwise compare the array by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof HostTensor t && dtype.equals(t.dtype) && Arrays.equals(shape, t.shape)
                && data.equals(t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + data.hashCode();
    }

    @Override
    public String toString() {
        return "HostTensor[" + dtype + Arrays.toString(shape) + ", " + data.remaining() + " bytes]";
    }

    private static ByteBuffer allocate(long bytes) {
        return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static short toBf16Bits(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x0040); // keep it a (quiet) NaN after dropping the low mantissa bits
        }
        bits += 0x7FFF + ((bits >>> 16) & 1);
        return (short) (bits >>> 16);
    }
}
