package org.lmlab.cli;

import java.util.List;

/** The paper rows of lmlab (../shared/papers), each with the reproduction's name and its status. */
final class PaperRows {
    private PaperRows() {}

    record Row(String name, String paper, String status) {}

    static final List<Row> ROWS = List.of(
            new Row("optimizer-benchmark", "Fantastic Pretraining Optimizers and Where to Find Them", "planned"),
            new Row("sam-sharpness", "How Does Sharpness-Aware Minimization Minimize Sharpness?", "planned"),
            new Row("sharpness-generalization", "Sharpness Minimization Algorithms Do Not Only Minimize Sharpness",
                    "planned"),
            new Row("benign-overfitting", "Realistic Analysis of Benign Overfitting with Label Noise", "planned"),
            new Row("lpn", "Solving LPN with Neural Networks", "planned"),
            new Row("rnn-retrieval", "RNNs are not Transformers (Yet): the Key Bottleneck on In-context Retrieval", "planned"),
            new Row("task-generalization", "Task Generalization with Compositional Structure", "planned"),
            new Row("scaling-law", "Configuration-to-Performance Scaling Law", "planned"),
            new Row("skill-neurons", "Finding Skill Neurons in Pre-trained Transformers", "planned"),
            new Row("prompt-transfer", "On Transferability of Prompt Tuning", "planned"),
            new Row("gated-attention", "Gated Attention for Large Language Models", "planned"),
            new Row("sinks", "Attention and Residual Sinks: Outlier-driven Rescaling", "planned"),
            new Row("path-attention", "PaTH Attention: Householder Position Encoding", "planned"),
            new Row("moe-balance", "MoE Load-balancing Loss: Micro-batch vs Global Batch", "planned"),
            new Row("overtrained", "Overtrained Language Models Are Harder to Fine-tune", "planned"),
            new Row("wise-ft-passk", "Weight Ensembling (WiSE-FT) and pass@k", "planned"),
            new Row("dc-cot", "DC-CoT: Divide-and-Conquer Chain of Thought", "planned"),
            new Row("questa", "QuestA: Question Augmentation with Partial Solutions", "planned"),
            new Row("self-play", "Scaling Self-play with Self-guidance (SGS)", "planned"),
            new Row("proof-verification", "Pseudo-formalization and Block Verification of Proofs", "planned"),
            new Row("s-vco", "Symmetrical Visual Contrastive Optimization", "planned"));

    static Row find(String name) {
        return ROWS.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}
