package org.lmlab.task;

import java.util.List;

/**
 * A task whose sequences each come from one named domain (e.g. a fortune topic), so probes can relate what the
 * model does to where the text came from — the domain–expert mutual information of an MoE, for instance.
 */
public interface DomainLabelled {
    /** Domain names, indexed 0..D−1. */
    List<String> domains();

    /** Held-out batches drawn from domain {@code domain} only (deterministic). */
    List<Batch> domainEvalBatches(int domain, int batchSize, int maxBatches);
}
