/**
 * Run directories: where everything a training run produces is kept, and the rules that keep it trustworthy
 * when a process is killed at any moment.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * runs/&lt;name&gt;/
 *   config.yaml            the fully resolved config (defaults + file + overrides), readable back to an equal record
 *   provenance.json        git commit and dirty flag, lmlab/Java/library versions, machine, command line, seed, time
 *   metrics.jsonl          one JSON object per line: {"step":10,"split":"train","loss":3.91,...}, append-only
 *   checkpoints/
 *     step-000100/         zero-padded to six digits so names sort by step
 *       model.safetensors      weights
 *       optimizer.safetensors  optimizer state
 *       state.json             step, RNG and data-loader position — written last: its presence marks completeness
 *     step-000200/
 *   summary.json           final numbers, written when the run ends
 *   report.md              the human-readable account of the run
 * </pre>
 *
 * <p>{@link org.lmlab.run.RunDir} knows these names and the checkpoint protocol; {@link org.lmlab.run.Provenance},
 * {@link org.lmlab.run.MetricsLog} and {@link org.lmlab.run.Safetensors} write and read the individual files.
 * Tensors cross this package as {@link org.lmlab.run.HostTensor}s — plain bytes, dtype and shape — so nothing here
 * needs libtorch, and checkpoints open in any tool that reads safetensors.
 *
 * <h2>The atomic-write rule</h2>
 *
 * <p>Every file here is either appended to line by line (metrics) or replaced whole through
 * {@link org.lmlab.run.AtomicFiles}: written to a hidden temp file in the same directory, forced to disk, then
 * renamed over the target. Checkpoints go one level further: a checkpoint is filled in a hidden temp directory
 * and published with a single directory rename ({@link org.lmlab.run.AtomicFiles#publishDirectory}), after
 * {@code state.json} has been written last. So whatever moment a run dies at:
 *
 * <ul>
 *   <li>every file under its final name is complete (old or new version, never a mix);</li>
 *   <li>every {@code step-NNNNNN} directory holding a {@code state.json} is a complete checkpoint, and resume
 *       simply takes the highest one ({@link org.lmlab.run.RunDir#latestCheckpoint});</li>
 *   <li>{@code metrics.jsonl} loses at most its torn last line, which readers skip, and on resume it is cut back
 *       to the checkpoint's step ({@link org.lmlab.run.MetricsLog#truncateAfter}) so replayed steps are not
 *       logged twice;</li>
 *   <li>leftovers are hidden names containing {@code .tmp-} or {@code .old-}, ignored by readers and removable
 *       with {@link org.lmlab.run.RunDir#removeLeftovers}.</li>
 * </ul>
 *
 * <p>Problems with files a user hands us — a truncated checkpoint, a corrupt metrics line — are reported as
 * one-line {@link org.lmlab.config.BadInputException}s naming the file (and line where there is one).
 */
package org.lmlab.run;
