package org.lmlab.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lmlab.config.BadInputException;

/**
 * Pure-Java reader and writer of the Hugging Face safetensors format, so checkpoints can be read by PyTorch,
 * JAX or any other tool, and by us without loading libtorch.
 *
 * <p>Layout: an 8-byte little-endian header length N; N bytes of JSON header
 * {@code {"__metadata__": {...}, "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...}},
 * padded with spaces so the data starts 8-byte aligned; then the tensors' raw little-endian bytes back to back,
 * offsets relative to the start of the data. Reading validates everything a corrupt or truncated file could get
 * wrong and reports it as a {@link BadInputException} naming the file.
 */
public final class Safetensors {
    private Safetensors() {}

    /** The reference implementation refuses larger headers; so do we, which also catches garbage lengths. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * Writes {@code tensors} (laid out sorted by name) and {@code metadata} (may be null) to {@code file}
     * atomically.
     */
    public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata)
            throws IOException {
        TreeMap<String, HostTensor> sorted = new TreeMap<>(tensors);
        byte[] header = header(sorted, metadata);
        AtomicFiles.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(len.array());
            out.write(header);
            for (HostTensor t : sorted.values()) {
                writeData(out, t.data());
            }
        });
    }

    /** The JSON header padded with spaces to a multiple of 8 bytes. */
    static byte[] header(Map<String, HostTensor> sorted, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : sorted.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("a tensor cannot be named " + METADATA);
            }
            HostTensor t = e.getValue();
            ObjectNode info = root.putObject(e.getKey());
            info.put("dtype", t.dtype());
            ArrayNode shape = info.putArray("shape");
            Arrays.stream(t.shape()).forEach(shape::add);
            info.putArray("data_offsets").add(offset).add(offset + t.byteSize());
            offset += t.byteSize();
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeData(OutputStream out, ByteBuffer data) throws IOException {
        if (data.hasArray()) {
            out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            return;
        }
        byte[] chunk = new byte[Math.min(data.remaining(), 1 << 20)];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    /** Reads and validates {@code file}, memory-mapping its tensor data. */
    public static SafetensorsFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw bad(file, "truncated (" + size + " bytes; a safetensors file starts with an 8-byte header"
                        + " length)");
            }
            long n = readFully(ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 2 || n > MAX_HEADER_BYTES) {
                throw bad(file, "not a safetensors file (header length " + n + " is implausible)");
            }
            if (n > size - 8) {
                throw bad(file, "truncated (header says its JSON is " + n + " bytes, file has " + (size - 8)
                        + " after the length)");
            }
            ByteBuffer headerBytes = readFully(ch, 8, Math.toIntExact(n));
            JsonNode header = parseHeader(file, headerBytes);
            long dataStart = 8 + n;
            List<Entry> entries = new ArrayList<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : header.properties()) {
                if (e.getKey().equals(METADATA)) {
                    readMetadata(file, e.getValue(), metadata);
                } else {
                    entries.add(SafetensorsEntry.parse(file, e.getKey(), e.getValue()));
                }
            }
            entries.sort(Comparator.comparingLong(Entry::begin));
            long expectedEnd = checkContiguous(file, entries);
            long available = size - dataStart;
            if (expectedEnd > available) {
                throw bad(file, "truncated (header says " + expectedEnd + " bytes of data, file has " + available
                        + ")");
            }
            if (expectedEnd < available) {
                throw bad(file, "corrupt (header accounts for " + expectedEnd + " bytes of data, file has "
                        + available + ")");
            }
            return new SafetensorsFile(file, metadata, map(file, ch, dataStart, expectedEnd, entries));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file", e);
        }
    }

    /** One tensor's header entry. */
    record Entry(String name, String dtype, long[] shape, long begin, long end) {}

    private static JsonNode parseHeader(Path file, ByteBuffer bytes) {
        String text = StandardCharsets.UTF_8.decode(bytes).toString();
        if (!text.startsWith("{")) {
            throw bad(file, "not a safetensors file (header does not start with '{')");
        }
        try {
            JsonNode header = JSON.readTree(text);
            if (header == null || !header.isObject()) {
                throw bad(file, "not a safetensors file (header is not a JSON object)");
            }
            return header;
        } catch (JsonProcessingException e) {
            throw bad(file, "not a safetensors file (header is not valid JSON: " + Json.shortReason(e) + ")");
        }
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> into) {
        if (!node.isObject()) {
            throw bad(file, METADATA + " is not an object");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw bad(file, METADATA + " value for '" + e.getKey() + "' is not a string");
            }
            into.put(e.getKey(), e.getValue().asText());
        }
    }

    /** Tensors must tile the data exactly, in offset order, starting at 0; returns where the last one ends. */
    private static long checkContiguous(Path file, List<Entry> entries) {
        long next = 0;
        for (Entry e : entries) {
            if (e.begin() != next) {
                throw bad(file, "tensor '" + e.name() + "' starts at data byte " + e.begin() + ", expected " + next
                        + " (tensors must be contiguous)");
            }
            next = e.end();
        }
        return next;
    }

    private static Map<String, HostTensor> map(Path file, FileChannel ch, long dataStart, long dataLength,
                                               List<Entry> entries) throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        // One mapping for the whole data block when it fits a ByteBuffer (< 2 GiB), else one per tensor.
        ByteBuffer whole = dataLength > 0 && dataLength <= Integer.MAX_VALUE
                ? ch.map(FileChannel.MapMode.READ_ONLY, dataStart, dataLength) : null;
        for (Entry e : entries) {
            long len = e.end() - e.begin();
            ByteBuffer data;
            if (len == 0) {
                data = ByteBuffer.allocate(0);
            } else if (whole != null) {
                data = whole.slice((int) e.begin(), (int) len);
            } else if (len <= Integer.MAX_VALUE) {
                data = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), len);
            } else {
                throw bad(file, "tensor '" + e.name() + "' is " + len + " bytes; tensors over 2 GiB are not"
                        + " supported");
            }
            tensors.put(e.name(), new HostTensor(e.dtype(), e.shape(), data));
        }
        return tensors;
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return b.flip();
    }

    static BadInputException bad(Path file, String problem) {
        return new BadInputException(file + ": " + problem);
    }
}
