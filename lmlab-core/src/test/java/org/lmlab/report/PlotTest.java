package org.lmlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void linesOnLogAxesSkipPointsTheyCannotShow(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("loss.png");
        Plot.lines("loss", "step", "loss").logX().logY()
                .series("a", new double[] {0, 1, 10, 100}, new double[] {5, 4, Double.NaN, 2})
                .series("b", new double[] {1, 10, 100}, new double[] {6, 3, 1})
                .save(png);
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 4));
        assertTrue(bytes.length > 2000, "a real chart, not an empty image");
    }

    @Test
    void barsAndMismatchedSeries(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("bars.png");
        Plot.bars("speedup", "optimizer", "speedup").bar("1x", "Muon", 1.2).bar("1x", "AdamW", 1.0).save(png);
        assertTrue(Files.size(png) > 1000);
        assertThrows(IllegalArgumentException.class,
                () -> Plot.lines("t", "x", "y").series("s", new double[2], new double[3]));
    }

    @Test
    void markdownTablesEscapeCells() {
        String md = new Markdown().heading(2, "Results")
                .table(List.of("a", "b"), List.of(List.of("x|y", "1"))).toString();
        assertTrue(md.contains("| x\\|y | 1 |"), md);
        assertTrue(md.startsWith("## Results\n\n| a | b |\n| --- | --- |\n"), md);
    }
}
