/**
 * Probes of mixture-of-experts models: where tokens are routed and whether experts specialize.
 *
 * <p>Lifecycle: {@link org.lmlab.probe.moe.ExpertRouting#measure} runs held-out batches (per domain when the task
 * is {@link org.lmlab.task.DomainLabelled}) through a trained decoder and returns
 * {@link org.lmlab.probe.moe.RoutingCounts}, a [domain][expert] table per MoE layer; the statistics are pure
 * functions of such a table: {@link org.lmlab.probe.moe.ExpertUtilization} (expert frequencies, max load f·E) and
 * {@link org.lmlab.probe.moe.DomainExpertInformation} (MI(domain; expert) / ln E).
 *
 * <pre>{@code
 * RoutingCounts rc = ExpertRouting.measure(model, task, 16, 4, device);
 * long[][] last = rc.counts().get("blocks.1.moe");
 * double mi = DomainExpertInformation.normalized(last);
 * double load = ExpertUtilization.maxLoad(last);
 * }</pre>
 * On the command line: {@code lmlab probe moe <run>}.
 */
package org.lmlab.probe.moe;
