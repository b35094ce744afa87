package org.lmlab.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A query result: column names and rows of plain Java values (null for SQL NULL). */
public record Table(List<String> columns, List<List<Object>> rows) {

    /** Aligned text, numbers with up to 6 significant digits; at most {@code maxRows} rows. */
    public String format(int maxRows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns);
        for (List<Object> r : rows.subList(0, Math.min(maxRows, rows.size()))) {
            cells.add(r.stream().map(Table::cell).toList());
        }
        int[] w = new int[columns.size()];
        for (List<String> r : cells) {
            for (int i = 0; i < r.size(); i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < cells.size(); k++) {
            List<String> r = cells.get(k);
            for (int i = 0; i < r.size(); i++) {
                b.append(i == 0 ? "" : "  ").append(String.format("%-" + w[i] + "s", r.get(i)));
            }
            b.append('\n');
            if (k == 0) {
                for (int i = 0; i < w.length; i++) {
                    b.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
                }
                b.append('\n');
            }
        }
        if (rows.size() > maxRows) {
            b.append("… ").append(rows.size() - maxRows).append(" more rows\n");
        }
        return b.toString();
    }

    /** Comma-separated values with RFC 4180 quoting. */
    public String csv() {
        StringBuilder b = new StringBuilder(String.join(",", columns.stream().map(Table::quote).toList())).append('\n');
        for (List<Object> r : rows) {
            b.append(String.join(",", r.stream().map(v -> v == null ? "" : quote(String.valueOf(v))).toList()))
                    .append('\n');
        }
        return b.toString();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d).replaceAll("\\.?0+(e|$)", "$1") : String.valueOf(d);
        }
        return String.valueOf(v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
