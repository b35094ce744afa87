package org.lmlab.sweep;

import java.nio.file.Path;
import org.lmlab.train.RunConfig;

/**
 * A trial ready to run: its point, its fully resolved run config (named by the trial id), where its run directory
 * goes, and the metric to read back. Everything a remote worker needs, serializable as YAML + paths.
 */
public record TrialJob(Trial trial, RunConfig config, Path trialsRoot, Path logFile, SweepSpec.Metric metric) {}
