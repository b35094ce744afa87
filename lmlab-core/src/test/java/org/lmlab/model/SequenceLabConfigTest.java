package org.lmlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmlab.config.BadInputException;
import org.lmlab.config.Configs;
import org.lmlab.task.TaskConfig;
import org.lmlab.train.RunConfig;

/** The MoE, mixer and task sections bind from YAML like every other config value, and round-trip. */
class SequenceLabConfigTest {
    @Test
    void moeMixerAndTaskSectionsBind() {
        String yaml = """
                model:
                  n_layers: 3
                  ffn: {kind: moe, experts: 4, top_k: 1, balance_scope: micro-batch, z_loss_coef: 0.001}
                  mixer: {kind: gru, state_size: 16, attention_layers: [2]}
                task:
                  kind: associative-recall
                  recall: {pairs: 16, train_pairs: [4, 16], retrieval: true}
                """;
        RunConfig c = Configs.fromYaml(yaml, "config.yaml", List.of("model.ffn.balance_group=2"), RunConfig.class);
        assertEquals(FeedForwardSpec.Kind.MOE, c.model().ffn().kind());
        assertEquals(FeedForwardSpec.BalanceScope.MICRO_BATCH, c.model().ffn().balanceScope());
        assertEquals(2, c.model().ffn().balanceGroup());
        assertEquals(1, c.model().ffn().groupSize(8), "micro-batch scope ignores the group size");
        assertEquals(0.01, c.model().ffn().balanceCoef(), "missing keys take the section's defaults");
        assertEquals(MixerSpec.Kind.ATTENTION, c.model().mixer().kindOf(2));
        assertEquals(MixerSpec.Kind.GRU, c.model().mixer().kindOf(0));
        assertEquals(TaskConfig.Kind.ASSOCIATIVE_RECALL, c.task().kind());
        assertEquals(List.of(4, 16), c.task().recall().trainPairs());
        assertTrue(c.task().recall().retrieval());
        assertEquals(c, Configs.fromYaml(Configs.toYaml(c), "round-trip", List.of(), RunConfig.class));
    }

    @Test
    void badValuesAreOneLineErrors() {
        BadInputException e = assertThrows(BadInputException.class, () -> Configs.fromYaml(
                "model: {ffn: {kind: moe, expertz: 4}}", "config.yaml", List.of(), RunConfig.class));
        assertTrue(e.getMessage().contains("expertz") && !e.getMessage().contains("\n"), e.getMessage());
        BadInputException layer = assertThrows(BadInputException.class, () -> Configs.fromYaml(
                "model: {n_layers: 2, mixer: {kind: gru, attention_layers: [5]}}", "config.yaml", List.of(),
                RunConfig.class));
        assertTrue(layer.getMessage().contains("attention_layers"), layer.getMessage());
        // task.seed draws markov-language only; on another task it would be silently ignored, so it is refused.
        BadInputException seed = assertThrows(BadInputException.class, () -> Configs.fromYaml(
                "task: {kind: parity, seed: 3}", "config.yaml", List.of(), RunConfig.class));
        assertTrue(seed.getMessage().contains("seed") && seed.getMessage().contains("markov-language")
                && !seed.getMessage().contains("\n"), seed.getMessage());
        assertEquals(3, Configs.fromYaml("task: {kind: markov-language, seed: 3}", "config.yaml", List.of(),
                RunConfig.class).task().seed());
    }

    @Test
    void exampleConfigsLoad() {
        for (String name : List.of("moe-global-balance", "recall-hybrid", "parity-cot")) {
            RunConfig c = Configs.load(java.nio.file.Path.of("../configs", name + ".yaml"), List.of(), RunConfig.class);
            assertEquals(name, c.name());
        }
    }
}
