package org.lmlab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsDtypesScalarsEmptyTensorsAndMetadata() throws IOException {
        LinkedHashMap<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("wte.weight", HostTensor.ofFloats(new long[] {2, 3}, 1, 2, 3, 4, 5, -6.5f));
        tensors.put("step", HostTensor.ofLongs(new long[] {}, 1234L));
        tensors.put("ids", HostTensor.ofLongs(new long[] {3}, -1, 0, Long.MAX_VALUE));
        tensors.put("ln.gain", HostTensor.ofBf16(new long[] {4}, 1f, 0.5f, -2f, 3.140625f));
        tensors.put("empty", HostTensor.ofFloats(new long[] {0, 4}));
        tensors.put("f16", HostTensor.ofF16(new long[] {2}, 0.5f, -1.25f));
        tensors.put("f64", HostTensor.ofDoubles(new long[] {1, 1}, Math.PI));
        Path f = dir.resolve("model.safetensors");
        Safetensors.write(f, tensors, Map.of("format", "pt", "lmlab.step", "1234"));

        SafetensorsFile read = Safetensors.read(f);
        assertEquals(Map.of("format", "pt", "lmlab.step", "1234"), read.metadata());
        assertEquals(List.of("empty", "f16", "f64", "ids", "ln.gain", "step", "wte.weight"),
                List.copyOf(read.tensors().keySet()));
        tensors.forEach((name, t) -> assertEquals(t, read.tensor(name), name));
        assertArrayEquals(new long[] {}, read.tensor("step").shape());
        assertArrayEquals(new long[] {1234L}, read.tensor("step").toLongArray());
        assertArrayEquals(new float[] {1f, 0.5f, -2f, 3.140625f}, read.tensor("ln.gain").toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, -6.5f}, read.tensor("wte.weight").toFloatArray());
        assertArrayEquals(new float[] {0.5f, -1.25f}, read.tensor("f16").toFloatArray());
        assertEquals(Math.PI, read.tensor("f64").data().getDouble(0));
        BadInputException e = assertThrows(BadInputException.class, () -> read.tensor("lm_head.weight"));
        assertEquals(f + ": no tensor 'lm_head.weight' (has: empty, f16, f64, ids, ln.gain, step,"
                + " wte.weight)", e.getMessage());
    }

    @Test
    void byteLayoutMatchesTheFormat() throws IOException {
        Path f = dir.resolve("tiny.safetensors");
        Safetensors.write(f, Map.of("a", HostTensor.ofFloats(new long[] {2}, 1f, 2f)), Map.of());
        // Hand-computed: the 54-byte JSON header is padded with two spaces to 56, so data starts at 8 + 56 = 64.
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {56, 0, 0, 0, 0, 0, 0, 0});
        expected.writeBytes((json + "  ").getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, 0x40}); // 1.0f, 2.0f little-endian
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(f));

        Safetensors.write(f, Map.of("b", HostTensor.ofInts(new long[] {1}, 7)), Map.of("k", "v"));
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"k\":\"v\"},\"b\":"), header);
        assertEquals(8 + n + 4, bytes.length);
    }

    @Test
    void truncatedFileIsReportedWithSizes() throws IOException {
        Path f = dir.resolve("model.safetensors");
        Safetensors.write(f, Map.of("w", HostTensor.ofFloats(new long[] {250}, new float[250])), null);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 100));
        BadInputException e = assertThrows(BadInputException.class, () -> Safetensors.read(f));
        assertEquals(f + ": truncated (header says 1000 bytes of data, file has 900)", e.getMessage());

        Files.write(f, Arrays.copyOf(bytes, 5));
        assertTrue(assertThrows(BadInputException.class, () -> Safetensors.read(f)).getMessage()
                .startsWith(f + ": truncated (5 bytes"));
        Files.write(f, Arrays.copyOf(bytes, 30));
        assertTrue(assertThrows(BadInputException.class, () -> Safetensors.read(f)).getMessage()
                .startsWith(f + ": truncated (header says its JSON is"));
    }

    @Test
    void garbageAndInconsistentHeadersAreRejected() throws IOException {
        Path f = dir.resolve("weights.safetensors");
        Files.write(f, "this is not a safetensors file at all".getBytes(StandardCharsets.UTF_8));
        String msg = assertThrows(BadInputException.class, () -> Safetensors.read(f)).getMessage();
        assertTrue(msg.startsWith(f + ": not a safetensors file"), msg);

        writeRaw(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]", 8);
        msg = assertThrows(BadInputException.class, () -> Safetensors.read(f)).getMessage();
        assertTrue(msg.startsWith(f + ": not a safetensors file (header is not valid JSON"), msg);
        assertTrue(!msg.contains("\n"), msg);

        writeRaw(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8);
        assertEquals(f + ": tensor 'a': F32[3] needs 12 bytes but data_offsets [0, 8] span 8",
                assertThrows(BadInputException.class, () -> Safetensors.read(f)).getMessage());

        writeRaw(f, "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8);
        assertEquals(f + ": tensor 'a' starts at data byte 4, expected 0 (tensors must be contiguous)",
                assertThrows(BadInputException.class, () -> Safetensors.read(f)).getMessage());

        writeRaw(f, "{\"a\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1);
        assertEquals(f + ": tensor 'a': unsupported dtype \"Q4\"",
                assertThrows(BadInputException.class, () -> Safetensors.read(f)).getMessage());
    }

    private static void writeRaw(Path f, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Files.write(f, b.array());
    }
}
