package org.lmlab.repro.sinks;

import java.util.ArrayList;
import java.util.List;
import org.lmlab.probe.sinks.SinkProbe;
import org.lmlab.task.Batch;
import org.lmlab.task.BigramBackcopy;
import org.lmlab.train.Listener;
import org.lmlab.train.TrainRun;

/** A listener that measures the mean BOS attention mass of dormant queries every {@code every} steps. */
public final class BosTrajectory implements Listener {
    private final TrainRun.Prepared run;
    private final long every;
    private final List<Batch> batches;
    private final List<double[]> points = new ArrayList<>();

    public BosTrajectory(TrainRun.Prepared run, long every) {
        this.run = run;
        this.every = every;
        this.batches = ((BigramBackcopy) run.built().task()).evalBatches(64, 2);
    }

    @Override
    public void onStep(StepInfo s) {
        if (s.step() % every == 0) {
            BigramBackcopy task = (BigramBackcopy) run.built().task();
            double bos = SinkProbe.measure(run.built().model(), batches, task::triggerMask, run.built().device())
                    .meanBosMass();
            synchronized (points) {
                points.add(new double[] {s.step(), bos});
            }
        }
    }

    /** Steps and BOS masses measured so far. */
    public double[][] series() {
        synchronized (points) {
            double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            return new double[][] {x, y};
        }
    }
}
