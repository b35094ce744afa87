package org.lmlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.config.BadInputException;
import org.lmlab.config.Configs;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Torch;

class OptimConfigTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    @Test
    void kindsAreKebabCaseInYamlAndMissingKeysComeFromTheDefaults() {
        OptimConfig c = Configs.fromYaml("kind: adam-mini\nns_steps: 3\n", "optim.yaml", List.of(), OptimConfig.class);
        assertEquals(OptimConfig.Kind.ADAM_MINI, c.kind());
        assertEquals(3, c.nsSteps());
        assertEquals(OptimConfig.defaults().lr(), c.lr());
        assertEquals(OptimConfig.defaults().preconditionFrequency(), c.preconditionFrequency());
        assertEquals(OptimConfig.Kind.SOPHIA_H,
                Configs.withOverrides(OptimConfig.defaults(), List.of("kind=sophia-h")).kind());
        assertTrue(Configs.toYaml(OptimConfig.defaults(OptimConfig.Kind.SOPHIA_H)).contains("kind: sophia-h"));
    }

    @Test
    void invalidValuesAreRejectedNamingTheKey() {
        for (String bad : List.of("precondition_frequency=0", "update_probability=1.5", "momentum=1",
                "preconditioner_beta=-0.1", "sophia_gamma=0", "lr_ratio=-1", "ns_steps=-2", "mars_gamma=-1")) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> Configs.withOverrides(OptimConfig.defaults(), List.of(bad)));
            String key = bad.substring(0, bad.indexOf('='));
            assertTrue(e.getMessage().contains(key), bad + " → " + e.getMessage());
        }
    }

    @Test
    void everyKindBuildsItsOptimizer() {
        Map<OptimConfig.Kind, Class<?>> expected = Map.ofEntries(Map.entry(OptimConfig.Kind.ADAMW, AdamW.class),
                Map.entry(OptimConfig.Kind.NADAMW, NAdamW.class), Map.entry(OptimConfig.Kind.LION, Lion.class),
                Map.entry(OptimConfig.Kind.CAUTIOUS, Cautious.class), Map.entry(OptimConfig.Kind.MARS, Mars.class),
                Map.entry(OptimConfig.Kind.ADAM_MINI, AdamMini.class), Map.entry(OptimConfig.Kind.MUON, Muon.class),
                Map.entry(OptimConfig.Kind.SCION, Scion.class), Map.entry(OptimConfig.Kind.SOAP, Soap.class),
                Map.entry(OptimConfig.Kind.KRON, Kron.class), Map.entry(OptimConfig.Kind.SOPHIA_H, SophiaH.class),
                Map.entry(OptimConfig.Kind.SGD, Sgd.class));
        for (OptimConfig.Kind kind : OptimConfig.Kind.values()) {
            AdamWTest.One m = new AdamWTest.One(Role.MATRIX);
            Optimizer opt = OptimConfig.defaults(kind).build(m.namedParameters(), 1);
            assertInstanceOf(expected.get(kind), opt, kind.name());
            assertEquals(OptimConfig.defaults(kind).lr(), opt.learningRate());
        }
    }

    @Test
    void theBriefsTunedValuesAreTheRecommendedDefaults() {
        OptimConfig muon = OptimConfig.defaults(OptimConfig.Kind.MUON);
        assertEquals(List.of(1.6e-2, 0.98, 0.2), List.of(muon.lr(), muon.momentum(), muon.lrRatio()));
        OptimConfig lion = OptimConfig.defaults(OptimConfig.Kind.LION);
        assertEquals(List.of(2e-3, 0.95, 0.95, 0.7), List.of(lion.lr(), lion.beta1(), lion.beta2(), lion.weightDecay()));
        OptimConfig adamw = OptimConfig.defaults(OptimConfig.Kind.ADAMW);
        assertEquals(List.of(8e-3, 0.9, 0.98, 1e-20), List.of(adamw.lr(), adamw.beta1(), adamw.beta2(), adamw.eps()));
    }
}
