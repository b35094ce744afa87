/**
 * {@code task-generalization}: held-out sparse-parity tasks with and without chain of thought (Abedsoltan, Zhang, Wen et al. 2025). See {@link org.lmlab.repro.taskgeneralization.TaskGeneralization}.
 */
package org.lmlab.repro.taskgeneralization;
