package org.lmlab.tensor;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A scope in which libtorch's autocast runs eligible ops of one device type in a lower-precision type — the
 * equivalent of {@code with torch.autocast(device, dtype):}. Autocast state is thread-local; closing restores the
 * state found on entry, so scopes nest.
 *
 * <pre>{@code
 * try (Autocast ac = Autocast.enter(ids.device(), ScalarType.BFloat16)) {
 *     logits = model.forward(ids);
 * }
 * }</pre>
 *
 * <p>The weight-cast cache is switched off inside the scope: the presets do not expose
 * {@code clear_autocast_cache}, and without clearing, cached bf16 copies of weights would go stale after each
 * optimizer update. Each weight is used once or twice per forward, so the cache saves little.
 */
public final class Autocast implements AutoCloseable {
    private final DeviceType device;
    private final boolean wasEnabled;
    private final ScalarType previousType;
    private final boolean previousCache;
    private final boolean active;

    private Autocast(DeviceType device, ScalarType type) {
        this.device = device;
        this.active = type != null;
        if (active) {
            wasEnabled = torch.is_autocast_enabled(device);
            previousType = torch.get_autocast_dtype(device);
            previousCache = torch.is_autocast_cache_enabled();
            torch.set_autocast_dtype(device, type);
            torch.set_autocast_cache_enabled(false);
            torch.set_autocast_enabled(device, true);
        } else {
            wasEnabled = false;
            previousType = null;
            previousCache = false;
        }
    }

    /** Enters autocast to {@code type} for the device's type; a null {@code type} gives a scope that does nothing. */
    public static Autocast enter(Device device, ScalarType type) {
        return new Autocast(device.type(), type);
    }

    @Override
    public void close() {
        if (active) {
            torch.set_autocast_enabled(device, wasEnabled);
            torch.set_autocast_dtype(device, previousType);
            torch.set_autocast_cache_enabled(previousCache);
        }
    }
}
