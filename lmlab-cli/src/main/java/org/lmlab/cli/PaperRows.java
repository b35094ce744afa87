package org.lmlab.cli;

import java.util.List;

/** The paper rows of lmlab (../shared/papers), each with its reproduction's name; a row is runnable once its
 * reproduction is registered (see org.lmlab.repro.Reproductions). */
final class PaperRows {
    private PaperRows() {}

    record Row(String name, String paper) {}

    static final List<Row> ROWS = List.of(
            new Row("optimizer-benchmark", "Fantastic Pretraining Optimizers and Where to Find Them"),
            new Row("sam-sharpness", "How Does Sharpness-Aware Minimization Minimize Sharpness?"),
            new Row("sharpness-generalization", "Sharpness Minimization Algorithms Do Not Only Minimize Sharpness"),
            new Row("benign-overfitting", "Realistic Analysis of Benign Overfitting with Label Noise"),
            new Row("lpn", "Solving LPN with Neural Networks"),
            new Row("rnn-retrieval", "RNNs are not Transformers (Yet): the Key Bottleneck on In-context Retrieval"),
            new Row("task-generalization", "Task Generalization with Compositional Structure"),
            new Row("scaling-law", "Configuration-to-Performance Scaling Law"),
            new Row("skill-neurons", "Finding Skill Neurons in Pre-trained Transformers"),
            new Row("prompt-transfer", "On Transferability of Prompt Tuning"),
            new Row("gated-attention", "Gated Attention for Large Language Models"),
            new Row("sinks", "Attention and Residual Sinks: Outlier-driven Rescaling"),
            new Row("path-attention", "PaTH Attention: Householder Position Encoding"),
            new Row("moe-balance", "MoE Load-balancing Loss: Micro-batch vs Global Batch"),
            new Row("overtrained", "Overtrained Language Models Are Harder to Fine-tune"),
            new Row("wise-ft-passk", "Weight Ensembling (WiSE-FT) and pass@k"),
            new Row("dc-cot", "DC-CoT: Divide-and-Conquer Chain of Thought"),
            new Row("questa", "QuestA: Question Augmentation with Partial Solutions"),
            new Row("self-play", "Scaling Self-play with Self-guidance (SGS)"),
            new Row("proof-verification", "Pseudo-formalization and Block Verification of Proofs"),
            new Row("s-vco", "Symmetrical Visual Contrastive Optimization"));

    static Row find(String name) {
        return ROWS.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}
