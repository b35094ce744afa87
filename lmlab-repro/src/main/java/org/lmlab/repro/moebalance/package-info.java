/**
 * {@code moe-balance}: micro-batch vs global-batch load balancing of mixture-of-experts models (Qiu et al. 2025). See {@link org.lmlab.repro.moebalance.MoeBalance}.
 */
package org.lmlab.repro.moebalance;
