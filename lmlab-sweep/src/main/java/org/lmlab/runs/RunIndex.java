package org.lmlab.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.lmlab.config.BadInputException;
import org.lmlab.run.AtomicFiles;
import org.lmlab.run.Json;

/**
 * An in-memory DuckDB over the run directories under a root (see the package documentation for the tables).
 * Small files (configs, summaries, trials, verdicts) are read here and inserted with explicit types, so a run
 * without an evaluation or a sweep with only failed trials still indexes; metrics, the large part, are read by
 * DuckDB itself from the JSONL files.
 */
public final class RunIndex implements AutoCloseable {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Connection db;

    private RunIndex(Connection db) {
        this.db = db;
    }

    public static RunIndex open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root + ": no runs directory");
        }
        try {
            Connection db = DriverManager.getConnection("jdbc:duckdb:");
            RunIndex index = new RunIndex(db);
            index.build(root.toAbsolutePath().normalize());
            return index;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + root, e);
        }
    }

    /** Runs one SQL statement; a SQL error is bad input (one line, DuckDB's message). */
    public Table query(String sql) {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData md = r.getMetaData();
            List<String> cols = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                cols.add(md.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= cols.size(); i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
            return new Table(cols, rows);
        } catch (SQLException e) {
            throw new BadInputException("SQL: " + e.getMessage().lines().findFirst().orElse(e.toString()));
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // Closing an in-memory database cannot lose anything.
        }
    }

    private void build(Path root) throws SQLException, IOException {
        List<Path> metrics = new ArrayList<>();
        List<Path> configs = new ArrayList<>();
        List<Path> summaries = new ArrayList<>();
        List<Path> trials = new ArrayList<>();
        List<Path> verdicts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String n = f.getFileName().toString();
                if (AtomicFiles.isTempName(n) || f.toString().contains("/checkpoints/")) {
                    continue;
                }
                switch (n) {
                    case "metrics.jsonl" -> metrics.add(f);
                    case "config.yaml" -> configs.add(f);
                    case "summary.json" -> summaries.add(f);
                    case "trials.jsonl" -> trials.add(f);
                    case "verdict.json" -> verdicts.add(f);
                    default -> { }
                }
            }
        }
        exec("SET autoinstall_known_extensions = false");
        exec("CREATE TABLE configs (run VARCHAR, key VARCHAR, value VARCHAR)");
        try (PreparedStatement p = db.prepareStatement("INSERT INTO configs VALUES (?, ?, ?)")) {
            for (Path f : configs) {
                Map<String, String> flat = new TreeMap<>();
                flatten("", YAML.readTree(f.toFile()), flat);
                for (Map.Entry<String, String> e : flat.entrySet()) {
                    p.setString(1, rel(root, f));
                    p.setString(2, e.getKey());
                    p.setString(3, e.getValue());
                    p.addBatch();
                }
            }
            p.executeBatch();
        }
        exec("CREATE TABLE summaries (run VARCHAR, status VARCHAR, steps BIGINT, tokens BIGINT, seconds DOUBLE, "
                + "final_train_loss DOUBLE, final_val_loss DOUBLE, final_val_accuracy DOUBLE, reason VARCHAR)");
        try (PreparedStatement p = db.prepareStatement("INSERT INTO summaries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Path f : summaries) {
                Map<String, Object> s = Json.readMap(f);
                Map<?, ?> e = s.get("final_eval") instanceof Map<?, ?> m ? m : Map.of();
                Object[] v = {rel(root, f), s.get("status"), s.get("steps"), s.get("tokens"), s.get("seconds"),
                    s.get("final_train_loss"), e.get("loss"), e.get("accuracy"), s.get("reason")};
                for (int i = 0; i < v.length; i++) {
                    p.setObject(i + 1, v[i] instanceof Number n && !Double.isFinite(n.doubleValue()) ? null : v[i]);
                }
                p.addBatch();
            }
            p.executeBatch();
        }
        exec("CREATE VIEW runs AS SELECT d.run, s.status, s.steps, s.tokens, s.seconds, s.final_train_loss, "
                + "s.final_val_loss, s.final_val_accuracy, "
                + "max(c.value) FILTER (WHERE c.key = 'seed') AS seed, "
                + "max(c.value) FILTER (WHERE c.key = 'optim.kind') AS optimizer, "
                + "TRY_CAST(max(c.value) FILTER (WHERE c.key = 'optim.lr') AS DOUBLE) AS lr, "
                + "TRY_CAST(max(c.value) FILTER (WHERE c.key = 'model.d_model') AS INTEGER) AS d_model, "
                + "TRY_CAST(max(c.value) FILTER (WHERE c.key = 'model.n_layers') AS INTEGER) AS n_layers, "
                + "max(c.value) FILTER (WHERE c.key = 'task.kind') AS task, s.reason "
                + "FROM (SELECT run FROM configs UNION SELECT run FROM summaries) d "
                + "LEFT JOIN summaries s USING (run) LEFT JOIN configs c USING (run) "
                + "GROUP BY ALL ORDER BY d.run");
        if (metrics.isEmpty()) {
            exec("CREATE TABLE metrics (run VARCHAR, step BIGINT, split VARCHAR, loss DOUBLE)");
        } else {
            exec("CREATE VIEW metrics AS SELECT replace(regexp_replace(filename, '/metrics\\.jsonl$', ''), "
                    + lit(root + "/") + ", '') AS run, * EXCLUDE (filename) FROM read_json_auto(" + list(metrics)
                    + ", filename = true, union_by_name = true, format = 'newline_delimited', sample_size = -1)");
        }
        exec("CREATE TABLE trials (sweep VARCHAR, id VARCHAR, params VARCHAR, status VARCHAR, metric DOUBLE, "
                + "seconds DOUBLE, reason VARCHAR)");
        try (PreparedStatement p = db.prepareStatement("INSERT INTO trials VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Path f : trials) {
                for (Map<String, Object> t : org.lmlab.run.MetricsLog.read(f)) {
                    Object[] v = {rel(root, f), t.get("id"), Json.toLine(t.get("params")), t.get("status"),
                        t.get("metric"), t.get("seconds"), t.get("reason")};
                    for (int i = 0; i < v.length; i++) {
                        p.setObject(i + 1, v[i]);
                    }
                    p.addBatch();
                }
            }
            p.executeBatch();
        }
        exec("CREATE TABLE verdicts (dir VARCHAR, name VARCHAR, seed BIGINT, quick BOOLEAN, passed BOOLEAN, "
                + "seconds DOUBLE)");
        try (PreparedStatement p = db.prepareStatement("INSERT INTO verdicts VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Path f : verdicts) {
                Map<String, Object> v = Json.readMap(f);
                Object[] a = {rel(root, f), v.get("name"), v.get("seed"), v.get("quick"), v.get("passed"), v.get("seconds")};
                for (int i = 0; i < a.length; i++) {
                    p.setObject(i + 1, a[i]);
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** The directory holding {@code file}, relative to the root ("." for the root itself). */
    private static String rel(Path root, Path file) {
        Path d = root.relativize(file.getParent());
        return d.toString().isEmpty() ? "." : d.toString();
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (!n.isNull()) {
            out.put(prefix, n.isValueNode() ? n.asText() : n.toString());
        }
    }

    private static String lit(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String list(List<Path> files) {
        return "[" + String.join(", ", files.stream().map(f -> lit(f.toString())).toList()) + "]";
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }
}
