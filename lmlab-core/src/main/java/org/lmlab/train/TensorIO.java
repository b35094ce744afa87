package org.lmlab.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.lmlab.config.BadInputException;
import org.lmlab.run.HostTensor;
import org.lmlab.tensor.Tensors;

/** Copies tensors to and from {@link HostTensor}s (safetensors' dtype names, little-endian bytes) in one bulk copy. */
final class TensorIO {
    private TensorIO() {}

    static HostTensor toHost(Tensor t) {
        Tensor c = t.detach().cpu().contiguous();
        byte[] bytes = new byte[(int) c.nbytes()];
        new BytePointer(c.data_ptr()).get(bytes);
        return new HostTensor(dtypeName(c.scalar_type()), Tensors.shape(c), ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
    }

    static Tensor fromHost(HostTensor h, String source) {
        ScalarType type = scalarType(h.dtype(), source);
        Tensor t = torch.empty(h.shape(), Tensors.options(type), new MemoryFormatOptional());
        ByteBuffer data = h.data().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        if (bytes.length != t.nbytes()) {
            throw new BadInputException(source + ": tensor holds " + bytes.length + " bytes, its shape needs " + t.nbytes());
        }
        new BytePointer(t.data_ptr()).put(bytes);
        return t;
    }

    // Not a switch: a Java switch over JavaCPP's ScalarType enum dispatches on ordinals that do not match the
    // constants the native side returns (a Float tensor landed in the Byte branch), so compare by identity.
    private static final ScalarType[] TYPES = {ScalarType.Float, ScalarType.Double, ScalarType.BFloat16,
        ScalarType.Half, ScalarType.Long, ScalarType.Int, ScalarType.Byte, ScalarType.Bool};
    private static final String[] NAMES = {"F32", "F64", "BF16", "F16", "I64", "I32", "U8", "BOOL"};

    static String dtypeName(ScalarType t) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i].value == t.value) {
                return NAMES[i];
            }
        }
        throw new IllegalArgumentException("cannot save dtype " + t);
    }

    static ScalarType scalarType(String name, String source) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return TYPES[i];
            }
        }
        throw new BadInputException(source + ": unsupported dtype " + name);
    }
}
