package org.lmlab.probe.moe;

import java.util.List;
import java.util.Map;

/**
 * How often tokens of each domain were sent to each expert, per MoE layer: {@code counts.get(layer)[d][i]} is
 * the number of (token, top-K slot) assignments of domain d's tokens to expert i (each token counts K times).
 *
 * @param domains domain names (one entry "all" for a task without domains)
 * @param experts E
 * @param topK K
 * @param counts per MoE layer (hook-point prefix, e.g. {@code blocks.1.moe}), a [D][E] table
 */
public record RoutingCounts(List<String> domains, int experts, int topK, Map<String, long[][]> counts) {}
