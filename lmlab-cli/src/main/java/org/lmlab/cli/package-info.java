/**
 * The {@code lmlab} command line (picocli): demo, train, sample, eval, bench, repro, config. Errors in user input
 * print one line and exit 2; see {@link org.lmlab.cli.Main}.
 */
package org.lmlab.cli;
