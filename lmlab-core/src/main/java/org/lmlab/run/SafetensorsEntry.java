package org.lmlab.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;

/** Parses and checks one tensor entry of a safetensors header. */
final class SafetensorsEntry {
    private SafetensorsEntry() {}

    static Safetensors.Entry parse(Path file, String name, JsonNode node) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw Safetensors.bad(file, where + ": header entry is not an object");
        }
        JsonNode dtype = node.get("dtype");
        if (dtype == null || !dtype.isTextual() || !HostTensor.isKnownDtype(dtype.asText())) {
            throw Safetensors.bad(file, where + ": unsupported dtype " + dtype);
        }
        long[] shape = longs(file, where, node.get("shape"), "shape", -1);
        long[] offsets = longs(file, where, node.get("data_offsets"), "data_offsets", 2);
        if (offsets[1] < offsets[0]) {
            throw Safetensors.bad(file, where + ": data_offsets " + Arrays.toString(offsets) + " end before they"
                    + " begin");
        }
        long expected;
        try {
            expected = HostTensor.byteSize(dtype.asText(), shape);
        } catch (ArithmeticException e) {
            throw Safetensors.bad(file, where + ": shape " + Arrays.toString(shape) + " is too large");
        }
        if (offsets[1] - offsets[0] != expected) {
            throw Safetensors.bad(file, where + ": " + dtype.asText() + Arrays.toString(shape) + " needs " + expected
                    + " bytes but data_offsets " + Arrays.toString(offsets) + " span " + (offsets[1] - offsets[0]));
        }
        return new Safetensors.Entry(name, dtype.asText(), shape, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers, of {@code length} elements unless it is -1. */
    private static long[] longs(Path file, String where, JsonNode node, String key, int length) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw Safetensors.bad(file, where + ": " + key + " must be an array"
                    + (length >= 0 ? " of " + length + " integers" : " of integers") + ", got " + node);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw Safetensors.bad(file, where + ": " + key + " must hold non-negative integers, got " + node);
            }
            out[i] = v.asLong();
        }
        return out;
    }
}
