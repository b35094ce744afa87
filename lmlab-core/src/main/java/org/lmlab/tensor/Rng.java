package org.lmlab.tensor;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Seeding and saving/restoring libtorch's default CPU generator, so that a run is a pure function of its seed
 * and a resumed run continues the exact random stream of the uninterrupted one.
 */
public final class Rng {
    private Rng() {}

    /** Seeds libtorch's default generator (parameter init, sampling, dropout). */
    public static void seed(long seed) {
        torch.manual_seed(seed);
    }

    /** The default CPU generator's full state as bytes (Philox/MT state as libtorch serializes it). */
    public static byte[] state() {
        Tensor state = torch.getDefaultCPUGenerator().get_state();
        byte[] bytes = new byte[(int) state.numel()];
        new BytePointer(state.data_ptr_byte()).get(bytes);
        return bytes;
    }

    /** Restores a state captured by {@link #state()}. */
    public static void restore(byte[] bytes) {
        Tensor state = Tensors.bytes(bytes);
        torch.getDefaultCPUGenerator().set_state(state);
    }

    /** Mixes a seed with a stream index into an independent 64-bit seed (SplitMix64 finalizer). */
    public static long mix(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
