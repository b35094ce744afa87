package org.lmlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.TestConfigs.ModelCfg;
import org.lmlab.config.TestConfigs.Norm;
import org.lmlab.config.TestConfigs.OptimCfg;
import org.lmlab.config.TestConfigs.RunCfg;
import org.lmlab.config.TestConfigs.Schedule;
import org.lmlab.config.TestConfigs.Stage;
import org.lmlab.config.TestConfigs.TrainCfg;

class ConfigsTest {

    private static RunCfg yaml(String text, String... overrides) {
        return Configs.fromYaml(text, "config.yaml", List.of(overrides), RunCfg.class);
    }

    private static String error(String text, String... overrides) {
        BadInputException e = assertThrows(BadInputException.class, () -> yaml(text, overrides));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void emptyFileGivesDefaults() {
        assertEquals(RunCfg.defaults(), yaml(""));
        assertEquals(RunCfg.defaults(), yaml("# nothing but a comment\n"));
    }

    @Test
    void fileMergesOntoDefaultsThenOverridesApplyInOrder() {
        RunCfg cfg = yaml("""
                model:
                  d_model: 128
                optim:
                  schedule: warmup-stable-decay
                """, "model.n_heads=8", "optim.lr=3e-3", "train.steps=100", "model.tie_embeddings=false",
                "model.window_sizes=[1, 2]", "tags.owner=me", "train.steps=200");
        assertEquals(new ModelCfg(128, 8, Norm.RMSNORM, false, List.of(1, 2)), cfg.model());
        assertEquals(new OptimCfg(3e-3, 0.1, Schedule.WARMUP_STABLE_DECAY), cfg.optim());
        assertEquals(200, cfg.train().steps());
        assertEquals(42L, cfg.train().seed());
        assertEquals(Map.of("owner", "me"), cfg.tags());
    }

    @Test
    void enumsAcceptAnyCaseAndSeparator() {
        for (String s : List.of("warmup-stable-decay", "WARMUP_STABLE_DECAY", "Warmup_Stable-Decay")) {
            assertEquals(Schedule.WARMUP_STABLE_DECAY, yaml("", "optim.schedule=" + s).optim().schedule());
        }
        assertEquals(Norm.LAYERNORM, yaml("model: {norm: LayerNorm}").model().norm());
    }

    @Test
    void mappingOverrideMergesIntoSection() {
        RunCfg cfg = yaml("", "model={d_model: 32, n_heads: 2}");
        assertEquals(new ModelCfg(32, 2, Norm.RMSNORM, true, List.of()), cfg.model());
    }

    @Test
    void unknownKeyAtDepthNamesPathLineAndAllowedKeys() {
        assertEquals("config.yaml:3: unknown key 'model.d_modle' (allowed: d_model, n_heads, norm, tie_embeddings,"
                + " window_sizes)", error("model:\n  n_heads: 4\n  d_modle: 3\n"));
        assertEquals("override 'optim.learning_rate=1': unknown key 'optim.learning_rate' (allowed: lr,"
                + " weight_decay, schedule)", error("", "optim.learning_rate=1"));
        assertEquals("override 'train.steps.x=1': unknown key 'train.steps.x' ('train.steps' is an int, not a"
                + " section)", error("", "train.steps.x=1"));
        assertEquals("override 'train.stages.0.name=a': unknown key 'train.stages.0' ('train.stages' is a list;"
                + " set it whole, e.g. train.stages=[...])", error("", "train.stages.0.name=a"));
    }

    @Test
    void malformedOverride() {
        assertEquals("override 'foo': expected key=value, e.g. model.d_model=256", error("", "foo"));
        assertTrue(error("", "model..d_model=3").startsWith("override 'model..d_model=3': malformed key path"));
        assertTrue(error("", "model.window_sizes=[1, 2").startsWith("override 'model.window_sizes=[1, 2': not a"
                + " valid YAML value"));
    }

    @Test
    void badValuesNameKeyValueAndExpectation() {
        assertEquals("override 'optim.lr=abc': expected a number", error("", "optim.lr=abc"));
        assertEquals("config.yaml:2: model.norm: 'foo' is not one of [layernorm, rmsnorm]",
                error("model:\n  norm: foo\n"));
        assertEquals("override 'model.norm=foo': 'foo' is not one of [layernorm, rmsnorm]",
                error("", "model.norm=foo"));
        assertEquals("config.yaml:1: train.steps: expected an integer, got 1.5", error("train: {steps: 1.5}"));
        assertEquals("override 'train.steps=null': expected an integer", error("", "train.steps=null"));
        assertEquals("config.yaml:2: model.window_sizes[1]: expected an integer, got 'x'",
                error("model:\n  window_sizes: [1, x]\n"));
        assertEquals("override 'model={d_model: big}': model.d_model: expected an integer, got 'big'",
                error("", "model={d_model: big}"));
    }

    @Test
    void listElementsWithoutDefaultsNeedEveryKey() {
        assertEquals(List.of(new Stage("warm", 10)), yaml("train: {stages: [{name: warm, steps: 10}]}").train()
                .stages());
        assertEquals("config.yaml:3: train.stages[0]: missing key steps (Stage has no defaults, so every key must"
                + " be given)", error("train:\n  stages:\n    - name: warm\n"));
    }

    @Test
    void yamlSyntaxErrorHasLineNumber() {
        String msg = error("model:\n  d_model: 1\n   n_heads: 2\n");
        assertTrue(msg.startsWith("config.yaml:3: "), msg);
        assertTrue(error("model: [1, 2\ntrain: {}\n").startsWith("config.yaml:2: "));
        assertEquals("config.yaml:3: duplicate key 'model.d_model' (first set on line 2)",
                error("model:\n  d_model: 1\n  d_model: 2\n"));
        assertEquals("config.yaml: expected a mapping of keys at the top level, got [1, 2]", error("[1, 2]"));
    }

    @Test
    void recordValidationIsReportedWithSourceAndSection() {
        assertEquals("override 'model.n_heads=3': model: d_model must be divisible by n_heads",
                error("", "model.n_heads=3"));
        assertEquals("config.yaml:1: model: d_model must be divisible by n_heads", error("model: {d_model: 30}"));
        assertEquals("config.yaml:1, override 'model.n_heads=8': model: d_model must be divisible by n_heads",
                error("model: {d_model: 36}", "model.n_heads=8"));
    }

    @Test
    void toYamlRoundTrips() {
        RunCfg cfg = new RunCfg(new ModelCfg(96, 3, Norm.LAYERNORM, false, List.of(128, 256)),
                new OptimCfg(3e-4, 0.0, Schedule.WARMUP_STABLE_DECAY),
                new TrainCfg(7, -1L, "123", List.of(new Stage("true", 1), new Stage("", 2), new Stage("null", 3))),
                Map.of("a.b", "yes", "c", "1e3"));
        String text = Configs.toYaml(cfg);
        assertTrue(text.contains("schedule: warmup-stable-decay"), text);
        assertTrue(text.contains("d_model: 96"), text);
        assertEquals(cfg, yaml(text));
        assertEquals(RunCfg.defaults(), yaml(Configs.toYaml(RunCfg.defaults())));
    }

    @Test
    void withOverridesCopiesARecord() {
        RunCfg base = RunCfg.defaults();
        RunCfg changed = Configs.withOverrides(base, List.of("model.d_model=128", "optim.schedule=constant"));
        assertEquals(base.model().withDModel(128), changed.model());
        assertEquals(Schedule.CONSTANT, changed.optim().schedule());
        assertEquals("override 'model.d_model=130': model: d_model must be divisible by n_heads",
                assertThrows(BadInputException.class,
                        () -> Configs.withOverrides(base, List.of("model.d_model=130"))).getMessage());
    }

    @Test
    void loadReadsFileAndNamesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, "train:\n  steps: 5\n");
        assertEquals(5, Configs.load(file, List.of(), RunCfg.class).train().steps());
        assertEquals(dir.resolve("nope.yaml") + ": no such file", assertThrows(BadInputException.class,
                () -> Configs.load(dir.resolve("nope.yaml"), List.of(), RunCfg.class)).getMessage());
    }

    @Test
    void describeListsEveryPathWithTypeDefaultAndDoc() {
        List<ConfigDoc> docs = Configs.describe(RunCfg.class);
        assertTrue(docs.contains(new ConfigDoc("model", "section", "", "The transformer shape")), docs.toString());
        assertTrue(docs.contains(new ConfigDoc("model.d_model", "int", "64", "Width of the residual stream")));
        assertTrue(docs.contains(new ConfigDoc("model.norm", "one of [layernorm, rmsnorm]", "rmsnorm",
                "Normalization layer")));
        assertTrue(docs.contains(new ConfigDoc("model.window_sizes", "list of int", "[]",
                "Sliding-window sizes per layer")));
        assertTrue(docs.contains(new ConfigDoc("optim.lr", "number", "0.001", "Peak learning rate")));
        assertTrue(docs.contains(new ConfigDoc("train.stages[].steps", "int", "", "")));
        assertTrue(docs.contains(new ConfigDoc("tags", "map of string to string", "{}", "")));
        assertEquals(List.of("model", "model.d_model", "model.n_heads", "model.norm", "model.tie_embeddings",
                "model.window_sizes", "optim", "optim.lr", "optim.weight_decay", "optim.schedule", "train",
                "train.steps", "train.seed", "train.name", "train.stages", "train.stages[].name",
                "train.stages[].steps", "tags"), docs.stream().map(ConfigDoc::path).toList());
    }
}
