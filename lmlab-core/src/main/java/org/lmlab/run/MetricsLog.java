package org.lmlab.run;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.config.BadInputException;

/**
 * The append-only {@code metrics.jsonl} of a run: one JSON object per line, keys in insertion order, e.g.
 * {@code {"step":10,"split":"train","loss":3.91,"lr":0.001}}.
 *
 * <p>Each row goes to the file in a single write, newline last, so a killed process leaves at most one torn,
 * unterminated final line. {@link #read} skips such a tail; {@link #open} cuts it off before appending so it
 * cannot fuse with the next row. A broken line that <i>is</i> terminated is real corruption and is reported
 * with its file and line. Rows are not fsynced one by one: losing the last seconds of metrics on a power cut is
 * acceptable, slowing every step is not.
 */
public final class MetricsLog implements Closeable {
    private final Path file;
    private FileChannel channel;

    private MetricsLog(Path file) throws IOException {
        this.file = file;
        this.channel = openForAppend(file);
    }

    /** Opens (creating if needed) {@code file} for appending, first removing a torn last line if there is one. */
    public static MetricsLog open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new MetricsLog(file);
    }

    public Path file() {
        return file;
    }

    /** Appends one row; values are anything Jackson writes (numbers, strings, booleans, lists, maps). */
    public synchronized void append(Map<String, ?> row) throws IOException {
        if (channel == null) {
            throw new IllegalStateException(file + ": metrics log is closed");
        }
        ByteBuffer bytes = ByteBuffer.wrap((Json.toLine(row) + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Appends {@code {"step": step, "split": split, ...values}}. */
    public void append(long step, String split, Map<String, ?> values) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", step);
        row.put("split", split);
        row.putAll(values);
        append(row);
    }

    /**
     * Drops every row whose {@code step} is greater than {@code step} (rows without a step are kept), rewriting the
     * file atomically. Called on resume from the checkpoint at {@code step}, so the steps replayed after it are not
     * logged twice. Returns how many rows were removed.
     */
    public synchronized int truncateAfter(long step) throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        List<String> kept = new ArrayList<>();
        int removed = 0;
        for (Line line : lines(file)) {
            Object s = line.row().get("step");
            if (s instanceof Number n && n.doubleValue() > step) {
                removed++;
            } else {
                kept.add(line.text());
            }
        }
        StringBuilder out = new StringBuilder();
        kept.forEach(t -> out.append(t).append('\n'));
        AtomicFiles.writeString(file, out.toString());
        channel = openForAppend(file);
        return removed;
    }

    /**
     * All rows of a metrics file in order. A torn unterminated last line is skipped; any other line that is not a
     * JSON object fails with {@code metrics.jsonl:LINE: ...}. A missing file has no rows.
     */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Line line : lines(file)) {
            rows.add(line.row());
        }
        return rows;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private record Line(String text, Map<String, Object> row) {}

    private static List<Line> lines(Path file) throws IOException {
        List<Line> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String[] parts = text.split("\n", -1);
        // split leaves "" after a final newline; otherwise the last part is an unterminated line.
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean terminated = i < parts.length - 1;
            if (part.isBlank()) {
                continue;
            }
            if (!terminated) {
                Map<String, Object> row = tryParse(part);
                if (row != null) {
                    out.add(new Line(part, row));
                }
                continue;
            }
            out.add(new Line(part, Json.parseObject(part, file + ":" + (i + 1))));
        }
        return out;
    }

    private static Map<String, Object> tryParse(String text) {
        try {
            return Json.parseObject(text, "");
        } catch (BadInputException e) {
            return null;
        }
    }

    /** Opens for appending; a torn tail is removed, a complete but unterminated row just gets its newline. */
    private static FileChannel openForAppend(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            long size = ch.size();
            long tailStart = afterLastNewline(ch, size);
            if (tailStart < size) {
                ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size - tailStart, Integer.MAX_VALUE - 8));
                ch.read(tail, tailStart);
                String tailText = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
                if (!tailText.isBlank() && tryParse(tailText) != null) {
                    ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
                } else {
                    ch.truncate(tailStart);
                }
            }
            ch.position(ch.size());
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Offset just past the last '\n' before {@code size} (0 if there is none), scanning back in blocks. */
    private static long afterLastNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(8192);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - block.capacity());
            block.clear().limit((int) (end - start));
            int n;
            do {
                n = ch.read(block, start + block.position());
            } while (n >= 0 && block.hasRemaining());
            for (int i = block.position() - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }
}
