/**
 * Reports people read: Markdown text with tables ({@link org.lmlab.report.Markdown}) and PNG plots drawn with
 * JFreeChart ({@link org.lmlab.report.Plot}). Files are written atomically, so a report on disk is either the
 * previous one or the complete new one.
 *
 * <pre>{@code
 * Plot.lines("Validation loss", "step", "loss")
 *     .series("AdamW", steps, adamw).series("Muon", steps, muon)
 *     .logY().save(dir.resolve("loss.png"));
 * }</pre>
 */
package org.lmlab.report;
