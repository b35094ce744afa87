/**
 * The run index: SQL over every run directory under a root, answered by an embedded DuckDB (no server, nothing
 * written next to the runs). {@link org.lmlab.runs.RunIndex} scans the root and exposes:
 * <ul>
 *   <li>{@code runs} — one row per run directory: {@code run} (path relative to the root), status, steps, tokens,
 *       seconds, final train/validation loss and accuracy, and the most-used config values (seed, optimizer, lr,
 *       model size);</li>
 *   <li>{@code metrics} — every row of every {@code metrics.jsonl}, with its {@code run};</li>
 *   <li>{@code configs} — every resolved config value as ({@code run}, dotted {@code key}, {@code value});</li>
 *   <li>{@code trials} — every sweep trial ({@code sweep}, id, params, status, metric, reason);</li>
 *   <li>{@code verdicts} — every reproduction verdict ({@code dir}, name, seed, quick, passed, seconds).</li>
 * </ul>
 * <pre>{@code
 * ./lmlab runs "select run, final_val_loss from runs order by final_val_loss limit 5"
 * ./lmlab runs "select step, loss from metrics where run = 'demo' and split = 'val'"
 * }</pre>
 */
package org.lmlab.runs;
