package org.lmlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.lmlab.config.BadInputException;

/**
 * A corpus that every full JDK carries: the {@code .java} files of the class library in
 * {@code $JAVA_HOME/lib/src.zip}. It is the fallback when no text corpus is installed (tens of megabytes of real
 * code and Javadoc prose).
 *
 * <p>Files are taken in a fixed pseudo-random order (by a hash of the entry name, then the name), not
 * alphabetically, so that a small budget samples many modules and packages instead of only {@code java.base/java/io}.
 * The order depends only on the entry names, so the same JDK and budget give the same documents. A file is included
 * only if it fits whole in what is left of the budget; each file is one document.
 */
public final class JdkSourceCorpus {
    private JdkSourceCorpus() {
    }

    /** {@code lib/src.zip} of the JDK running this program. */
    public static Path defaultZip() {
        return Path.of(System.getProperty("java.home"), "lib", "src.zip");
    }

    /** Up to {@code byteBudget} bytes of Java source from the running JDK. */
    public static List<String> read(long byteBudget) {
        return read(defaultZip(), byteBudget);
    }

    /**
     * Up to {@code byteBudget} bytes (UTF-8 size) of {@code .java} files from {@code srcZip}.
     *
     * @throws BadInputException if the zip is missing or unreadable
     */
    public static List<String> read(Path srcZip, long byteBudget) {
        if (!Files.isRegularFile(srcZip)) {
            throw new BadInputException("JDK sources " + srcZip + " do not exist (java.home is "
                    + System.getProperty("java.home") + "); install a full JDK that ships lib/src.zip,"
                    + " or use another corpus");
        }
        try (ZipFile zip = new ZipFile(srcZip.toFile(), StandardCharsets.UTF_8)) {
            List<ZipEntry> entries = new ArrayList<>();
            zip.stream().filter(e -> !e.isDirectory() && e.getName().endsWith(".java")).forEach(entries::add);
            entries.sort(Comparator.comparingLong((ZipEntry e) -> scramble(e.getName()))
                    .thenComparing(ZipEntry::getName));
            List<String> docs = new ArrayList<>();
            long left = byteBudget;
            for (ZipEntry e : entries) {
                long size = e.getSize();
                if (size > left) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                if (bytes.length > left) {
                    continue;
                }
                docs.add(new String(bytes, StandardCharsets.UTF_8));
                left -= bytes.length;
                if (left == 0) {
                    break;
                }
            }
            return docs;
        } catch (IOException e) {
            throw new BadInputException("cannot read JDK sources " + srcZip + ": " + AtomicFile.describe(e), e);
        }
    }

    /** String.hashCode is specified by the JLS, so this order is the same on every JVM; the mix spreads it. */
    private static long scramble(String name) {
        long h = name.hashCode() * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
