package org.lmlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.lmlab.run.AtomicFiles;

/**
 * A line/scatter chart or a grouped bar chart saved as PNG. Built fluently, then {@link #save}d; non-finite
 * points are skipped (a diverged run leaves a gap rather than breaking the axis), and on a log axis so are
 * non-positive ones.
 */
public final class Plot {
    private enum Kind { LINES, SCATTER, BARS }

    private final Kind kind;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<XYSeries> series = new ArrayList<>();
    private final DefaultCategoryDataset bars = new DefaultCategoryDataset();
    private boolean logX;
    private boolean logY;
    private int width = 800;
    private int height = 500;

    private Plot(Kind kind, String title, String xLabel, String yLabel) {
        this.kind = kind;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Lines through each series' points, in x order. */
    public static Plot lines(String title, String xLabel, String yLabel) {
        return new Plot(Kind.LINES, title, xLabel, yLabel);
    }

    /** Unconnected markers. */
    public static Plot scatter(String title, String xLabel, String yLabel) {
        return new Plot(Kind.SCATTER, title, xLabel, yLabel);
    }

    /** Grouped bars: one group per category, one bar per series. */
    public static Plot bars(String title, String categoryLabel, String valueLabel) {
        return new Plot(Kind.BARS, title, categoryLabel, valueLabel);
    }

    public Plot series(String name, double[] x, double[] y) {
        if (kind == Kind.BARS) {
            throw new IllegalStateException("bar charts take bar(series, category, value)");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values, " + y.length + " y");
        }
        XYSeries s = new XYSeries(name, true, true);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logX || x[i] > 0) && (!logY || y[i] > 0)) {
                s.add(x[i], y[i]);
            }
        }
        series.add(s);
        return this;
    }

    public Plot bar(String seriesName, String category, double value) {
        if (kind != Kind.BARS) {
            throw new IllegalStateException("bar() is for bar charts");
        }
        bars.addValue(Double.isFinite(value) ? value : null, seriesName, category);
        return this;
    }

    /** The points of a named series as {x[], y[]}, or null if there is none (e.g. to combine plots). */
    public double[][] points(String name) {
        for (XYSeries s : series) {
            if (s.getKey().equals(name)) {
                double[][] xy = new double[2][s.getItemCount()];
                for (int i = 0; i < s.getItemCount(); i++) {
                    xy[0][i] = s.getX(i).doubleValue();
                    xy[1][i] = s.getY(i).doubleValue();
                }
                return xy;
            }
        }
        return null;
    }

    /** Log-scale x axis; call before adding series. */
    public Plot logX() {
        logX = true;
        return this;
    }

    /** Log-scale y axis; call before adding series. */
    public Plot logY() {
        logY = true;
        return this;
    }

    public Plot size(int widthPixels, int heightPixels) {
        this.width = widthPixels;
        this.height = heightPixels;
        return this;
    }

    /** Renders to a PNG file (written atomically). */
    public void save(Path png) throws IOException {
        // Rendering must not need a display: reproductions run on headless CI machines.
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = kind == Kind.BARS ? barChart() : xyChart();
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    private JFreeChart barChart() {
        return ChartFactory.createBarChart(title, xLabel, yLabel, bars, PlotOrientation.VERTICAL, true, false, false);
    }

    private JFreeChart xyChart() {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(kind == Kind.LINES, kind == Kind.SCATTER);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        plot.setDomainAxis(axis(xLabel, logX));
        plot.setRangeAxis(axis(yLabel, logY));
        return chart;
    }

    private static ValueAxis axis(String label, boolean log) {
        if (log) {
            LogAxis a = new LogAxis(label);
            a.setSmallestValue(1e-12);
            return a;
        }
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        return a;
    }
}
