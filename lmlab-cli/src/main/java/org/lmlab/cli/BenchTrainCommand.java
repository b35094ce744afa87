package org.lmlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.optim.OptimConfig;
import org.lmlab.optim.Optimizer;
import org.lmlab.config.BadInputException;
import org.lmlab.tensor.BlasThreads;
import org.lmlab.tensor.Dtype;
import org.lmlab.tensor.NativeTuning;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;
import org.lmlab.train.Flops;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lmlab bench train}: training throughput of the reference model (vocab 512, d 256, 4 heads, 4 layers,
 * T 128, B 16, AdamW, clip 1.0) — median ms/step, tokens/s and MFU against the matmul peak measured in the same
 * run — and, in the same run, the same model and step in PyTorch ({@code bench/reference_torch.py} under Debian's
 * python3-torch), printing the ratio. Each precision is compared with the same precision: float32 with float32,
 * bf16-mixed with {@code torch.autocast("cpu", bfloat16)}. The reference's OpenBLAS pool size (1 or all threads) is
 * chosen once, in untimed runs, as the faster one, so the ratio is against PyTorch at its best setting here. Rounds
 * then alternate between the two sides, one run each, so background load hits both alike.
 */
@Command(name = "train", description = "Training throughput of the reference model against PyTorch.")
final class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--precision", defaultValue = "both",
            description = "fp32, bf16-mixed or both (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--steps", defaultValue = "20", description = "Timed steps (after 3 warm-up steps).")
    int steps;

    @Option(names = "--repeats", defaultValue = "3", description = "Alternating lmlab/PyTorch rounds; medians reported.")
    int repeats;

    @Option(names = "--no-reference", description = "Skip the PyTorch reference.")
    boolean noReference;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch (Debian's).")
    String python;

    @Override
    public Integer call() throws Exception {
        List<Dtype> dtypes = switch (precision) {
            case "fp32" -> List.of(Dtype.FLOAT32);
            case "bf16-mixed" -> List.of(Dtype.BF16_MIXED);
            case "both" -> List.of(Dtype.FLOAT32, Dtype.BF16_MIXED);
            default -> throw new BadInputException("--precision: '" + precision + "' is not fp32, bf16-mixed or both");
        };
        Torch.init();
        int threads = Torch.threads();
        DecoderConfig c = DecoderConfig.defaults();
        int batch = 16;
        double peak = Flops.measurePeak(1024, 1.0);
        System.out.printf(Locale.ROOT, "machine: %d threads, measured fp32 matmul peak %.1f GFLOP/s; OMP_WAIT_POLICY=%s;"
                + " OpenBLAS core %s; native settings (both sides) %s%n", threads, peak / 1e9,
                System.getenv("OMP_WAIT_POLICY"), BlasThreads.coreName(), NativeTuning.applied());
        Rng.seed(0);
        double flopsPerToken = Flops.trainingFlopsPerToken(new Decoder(c), c.maxSeqLen());
        double tokens = batch * (double) c.maxSeqLen();
        for (Dtype dtype : dtypes) {
            String label = dtype == Dtype.FLOAT32 ? "fp32" : "bf16-mixed";
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            String refSettings = null;
            int pool = noReference ? 0 : referencePool(threads, label);
            for (int r = 0; r < repeats; r++) {
                ours.add(lmlabStep(c, batch, dtype));
                if (pool > 0) {
                    JsonNode ref = reference(threads, label, pool, r == 0);
                    if (ref != null) {
                        theirs.add(ref.get("median_ms").asDouble());
                        refSettings = "torch " + ref.get("torch").asText() + ", " + ref.get("threads").asInt()
                                + " threads, env " + ref.get("env");
                    }
                }
            }
            double ms = median(ours);
            System.out.printf(Locale.ROOT, "%n[%s]%nlmlab   : %7.1f ms/step  %8.0f tokens/s  MFU %.1f%%   (runs: %s)%n",
                    label, ms, tokens / (ms / 1e3), 100 * tokens / (ms / 1e3) * flopsPerToken / peak, fmt(ours));
            if (!theirs.isEmpty()) {
                double ref = median(theirs);
                System.out.printf(Locale.ROOT, "pytorch : %7.1f ms/step  %8.0f tokens/s  MFU %.1f%%   (runs: %s; %s)%n",
                        ref, tokens / (ref / 1e3), 100 * tokens / (ref / 1e3) * flopsPerToken / peak, fmt(theirs),
                        refSettings);
                System.out.printf(Locale.ROOT, "ratio   : %.2fx PyTorch's throughput%n", ref / ms);
                if (theirs.size() == ours.size() && ours.size() > 1) {
                    // Each round's pair ran back to back, so its ratio cancels load that drifts between rounds.
                    List<Double> paired = new ArrayList<>();
                    for (int r = 0; r < ours.size(); r++) {
                        paired.add(theirs.get(r) / ours.get(r));
                    }
                    System.out.printf(Locale.ROOT, "          per round: median %.2fx (%s)%n", median(paired),
                            String.join(", ", paired.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList()));
                }
            } else if (!noReference) {
                System.out.println("pytorch : not available (" + python + " with torch; apt-get install python3-torch "
                        + "libopenblas0-pthread)");
            }
        }
        System.out.println("\n(MFU is against the fp32 matmul peak; bf16 matmuls have a higher ceiling.)");
        return 0;
    }

    private double lmlabStep(DecoderConfig c, int batch, Dtype dtype) {
        Rng.seed(0);
        Decoder m = new Decoder(c);
        m.to(dtype, new org.bytedeco.pytorch.Device("cpu"));
        Optimizer opt = OptimConfig.defaults().build(m.namedParameters());
        double[] times = new double[steps];
        for (int s = 0; s < steps + 3; s++) {
            long t0 = System.nanoTime();
            try (PointerScope scope = new PointerScope()) {
                Tensor ids = torch.randint(c.vocabSize(), new long[] {batch, c.maxSeqLen() + 1});
                Tensor x = Tensors.slice(ids, 1, 0, c.maxSeqLen());
                Tensor y = Tensors.slice(ids, 1, 1, c.maxSeqLen() + 1);
                opt.step(() -> {
                    Tensor loss = m.loss(x, y);
                    loss.backward();
                    return loss;
                }).item_double();
            }
            if (s >= 3) {
                times[s - 3] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return median(Arrays.stream(times).boxed().toList());
    }

    /**
     * The OpenBLAS pool size the reference runs fastest with (1 or all threads), chosen once in untimed runs. Each
     * timed round then runs the reference once, as lmlab runs once: taking the faster of two runs in every round
     * (as this command did before) hands the reference a best-of-two draw from the machine's noise. 0 when the
     * reference is unavailable.
     */
    private int referencePool(int threads, String precision) throws IOException, InterruptedException {
        int best = 0;
        double bestMs = Double.POSITIVE_INFINITY;
        StringBuilder seen = new StringBuilder();
        for (int blas : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
            JsonNode j = reference(threads, precision, blas, best == 0 && blas == 1);
            if (j != null) {
                double ms = j.get("median_ms").asDouble();
                seen.append(String.format(Locale.ROOT, "%s%d: %.0f ms", seen.isEmpty() ? "" : ", ", blas, ms));
                if (ms < bestMs) {
                    bestMs = ms;
                    best = blas;
                }
            }
        }
        if (best > 0) {
            System.out.printf(Locale.ROOT, "[%s] reference OpenBLAS pool: %d (untimed trial runs, pool %s)%n", precision,
                    best, seen);
        }
        return best;
    }

    /** One run of the PyTorch reference with an OpenBLAS pool of {@code blas} threads; null when it fails. */
    private JsonNode reference(int threads, String precision, int blas, boolean announce)
            throws IOException, InterruptedException {
        Path script = Home.path("bench", "reference_torch.py");
        ProcessBuilder pb = new ProcessBuilder(python, script.toString(), "--threads", String.valueOf(threads),
                "--steps", String.valueOf(steps), "--ff", String.valueOf(DecoderConfig.defaults().ffWidth()),
                "--precision", precision);
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.environment().put("OPENBLAS_NUM_THREADS", String.valueOf(blas));
        // The reference gets the allocator and OpenBLAS settings lmlab runs with (NativeTuning): it gains from them too.
        pb.environment().putAll(NativeTuning.applied());
        pb.redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            if (announce) {
                System.out.println("pytorch reference failed: " + out.lines().reduce((a, b) -> b).orElse(""));
            }
            return null;
        }
        return new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
    }

    static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String fmt(List<Double> xs) {
        return String.join(", ", xs.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
    }
}
