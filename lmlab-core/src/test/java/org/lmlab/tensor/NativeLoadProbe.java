package org.lmlab.tensor;

import org.bytedeco.pytorch.global.torch;

/** Child-process entry point of {@link EmptyCacheLoadTest}: loads libtorch and runs one op. */
public final class NativeLoadProbe {
    private NativeLoadProbe() {}

    public static void main(String[] args) {
        Torch.init();
        System.out.println("ok " + torch.ones(2, 2).sum().item_double());
    }
}
