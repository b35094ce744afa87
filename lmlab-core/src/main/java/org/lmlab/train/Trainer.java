package org.lmlab.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.model.AuxiliaryLosses;
import org.lmlab.model.Decoder;
import org.lmlab.optim.LossClosure;
import org.lmlab.optim.NonFiniteException;
import org.lmlab.optim.Optimizer;
import org.lmlab.optim.Schedule;
import org.lmlab.run.MetricsLog;
import org.lmlab.run.RunDir;
import org.lmlab.task.Batch;
import org.lmlab.task.Task;
import org.lmlab.tensor.Tensors;

/**
 * Runs the optimization loop of one run: micro-batches with gradient accumulation, learning-rate schedule,
 * periodic evaluation, checkpoints, metrics and listeners.
 *
 * <p>Determinism: update {@code s} (0-based) consumes training batches {@code s·gradAccum .. s·gradAccum +
 * gradAccum − 1} of the task and learning rate {@code lr · schedule(s)}; nothing else varies. The optimizer's
 * loss closure recomputes those same batches on every call (SAM's ascent and descent see one minibatch) and
 * offers per-sequence losses for 1-SAM. A checkpoint holds
 * the parameters, the optimizer state, the RNG state and the step, so {@link #resume} continues exactly where
 * an uninterrupted run would be — bit for bit on the same machine and thread count.
 *
 * <p>Divergence: a NaN/Inf loss or gradient norm stops the run <em>before</em> the bad update is applied
 * ({@link TrainingDivergedException}); the last good checkpoint stays, and {@code summary.json} says why.
 */
public final class Trainer {
    private final Decoder model;
    private final Task task;
    private final Optimizer optimizer;
    private final Schedule schedule;
    private final double baseLr;
    private final TrainConfig config;
    private final RunDir run;
    private final Device device;
    private final MetricsLog metrics;
    private final List<Listener> listeners = new ArrayList<>();
    private long step;
    private long tokens;

    public Trainer(Decoder model, Task task, Optimizer optimizer, Schedule schedule, double baseLr, TrainConfig config,
            RunDir run, Device device) {
        this.model = model;
        this.task = task;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.baseLr = baseLr;
        this.config = config;
        this.run = run;
        this.device = device;
        this.metrics = io(() -> MetricsLog.open(run.metricsFile()));
    }

    public Trainer listen(Listener l) {
        listeners.add(l);
        return this;
    }

    /** Loads the newest complete checkpoint (if any) and drops metrics rows logged after it. */
    public Trainer resume() {
        Path latest = latestCheckpoint();
        if (latest != null) {
            TrainState state = Checkpoints.load(latest, model, optimizer);
            step = state.step();
            tokens = state.tokens();
            io(() -> metrics.truncateAfter(step));
        }
        return this;
    }

    /** Trains to the configured number of steps. */
    public TrainSummary run() {
        return runUntil(config.steps());
    }

    /**
     * Trains until {@code stopAt} updates are done (≤ steps; the schedule still spans the full run) — what a run
     * interrupted at that point would have left behind, checkpoints included.
     */
    public TrainSummary runUntil(long stopAt) {
        long end = Math.min(stopAt, config.steps());
        long tokensPerStep = (long) config.batchSize() * config.gradAccum() * task.seqLen();
        EvalResult lastEval = null;
        double lastLoss = Double.NaN;
        long started = System.nanoTime();
        while (step < end) {
            long t0 = System.nanoTime();
            double lr = baseLr * schedule.factor(step);
            double loss;
            try (PointerScope scope = new PointerScope()) {
                optimizer.setLearningRate(lr);
                optimizer.step(closure(step));
                loss = optimizer.lastLoss();
            } catch (NonFiniteException e) {
                throw diverged(e);
            }
            step++;
            tokens += tokensPerStep;
            lastLoss = loss;
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", step);
            row.put("split", "train");
            row.put("loss", loss);
            row.put("lr", lr);
            row.put("grad_norm", optimizer.lastGradNorm());
            row.put("tokens", tokens);
            row.put("step_seconds", seconds);
            io(() -> {
                metrics.append(row);
                return null;
            });
            Listener.StepInfo info = new Listener.StepInfo(step, config.steps(), loss, lr, optimizer.lastGradNorm(),
                    tokens, seconds, tokensPerStep);
            listeners.forEach(l -> l.onStep(info));
            boolean last = step == config.steps();
            if (last || (config.evalEvery() > 0 && step % config.evalEvery() == 0)) {
                lastEval = evaluate();
            }
            if (last || (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0)) {
                Path dir = Checkpoints.save(run, new TrainState(step, tokens), model, optimizer, config.keepCheckpoints());
                listeners.forEach(l -> l.onCheckpoint(step, dir));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new TrainSummary(step == config.steps() ? "completed" : "stopped", step, tokens, lastLoss,
                lastEval, seconds, null);
    }

    /**
     * The closure of update {@code update} over its micro-batches: the loss with gradients ({@code compute}), forward
     * only ({@code loss}, for Sophia's Hessian-vector products), and per sequence (for 1-SAM).
     */
    private LossClosure closure(long update) {
        int samples = config.batchSize() * config.gradAccum();
        return new LossClosure() {
            @Override
            public Tensor compute() {
                return accumulate(update, true);
            }

            @Override
            public Tensor loss() {
                return accumulate(update, false);
            }

            @Override
            public int sampleCount() {
                return samples;
            }

            @Override
            public Tensor computeSample(int i) {
                return sampleLoss(update, i);
            }
        };
    }

    /**
     * One step's loss: each micro-batch's mean loss is scaled by 1/M (M = gradAccum) so the summed gradient is the
     * mean over the step, and the model's auxiliary losses (MoE balance, z-loss) are added as they complete. With
     * {@code backward}, a micro-batch's backward waits until its MoE balance group has closed (global-batch
     * balancing needs every forward of the group first — see {@link AuxiliaryLosses}) and the detached total is
     * returned; without, the total keeps its graph (Sophia differentiates it twice).
     */
    private Tensor accumulate(long update, boolean backward) {
        AuxiliaryLosses aux = model.auxiliaryLosses();
        aux.beginStep(config.gradAccum());
        Tensor total = null;
        Tensor pending = null;
        try {
            for (int micro = 0; micro < config.gradAccum(); micro++) {
                Batch b = task.trainBatch(update * config.gradAccum() + micro, config.batchSize());
                Tensor ids = b.inputs().to(device, b.inputs().scalar_type());
                Tensor targets = b.targets().to(device, b.targets().scalar_type());
                Tensor loss = model.loss(ids, targets).div(new org.bytedeco.pytorch.Scalar((double) config.gradAccum()));
                Tensor extra = aux.endMicroBatch();
                if (extra != null) {
                    loss = loss.add(extra);
                }
                if (backward) {
                    pending = pending == null ? loss : pending.add(loss);
                    if (!aux.groupOpen()) {
                        pending.backward();
                        pending = null;
                    }
                    loss = loss.detach();
                }
                total = total == null ? loss : total.add(loss);
            }
        } finally {
            aux.endStep();
        }
        return total;
    }

    /**
     * The loss of sequence {@code i} of update {@code update}'s batches alone (for 1-SAM's per-sample ascent), mean
     * over its target positions. It averages to the batch loss exactly when every sequence has the same number of
     * target positions, as in every task here.
     */
    private Tensor sampleLoss(long update, int i) {
        Batch b = task.trainBatch(update * config.gradAccum() + i / config.batchSize(), config.batchSize());
        int row = i % config.batchSize();
        Tensor ids = Tensors.slice(b.inputs(), 0, row, row + 1).to(device, b.inputs().scalar_type());
        Tensor targets = Tensors.slice(b.targets(), 0, row, row + 1).to(device, b.targets().scalar_type());
        Tensor loss = model.loss(ids, targets);
        loss.backward();
        return loss.detach();
    }

    /** Evaluates now and records it. */
    public EvalResult evaluate() {
        EvalResult r = Evaluator.evaluate(model, task, config.batchSize(), config.evalBatches(), device);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", step);
        row.put("split", "val");
        row.put("loss", r.loss());
        row.put("accuracy", r.accuracy());
        io(() -> {
            metrics.append(row);
            return null;
        });
        listeners.forEach(l -> l.onEval(step, r));
        return r;
    }

    private TrainingDivergedException diverged(NonFiniteException e) {
        Path latest = latestCheckpoint();
        String where = latest == null ? "no checkpoint was written yet" : "last good checkpoint: " + latest;
        return new TrainingDivergedException("step " + (step + 1) + ": " + e.getMessage()
                + " — stopped before applying the update; " + where, step);
    }

    private Path latestCheckpoint() {
        return io(() -> run.latestCheckpoint().map(cp -> cp.dir()).orElse(null));
    }

    private interface IoCall<T> {
        T call() throws java.io.IOException;
    }

    private static <T> T io(IoCall<T> call) {
        try {
            return call.call();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public long step() {
        return step;
    }
}
