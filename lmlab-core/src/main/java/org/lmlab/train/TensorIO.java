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

    static String dtypeName(ScalarType t) {
        return switch (t) {
            case Float -> "F32";
            case Double -> "F64";
            case BFloat16 -> "BF16";
            case Half -> "F16";
            case Long -> "I64";
            case Int -> "I32";
            case Byte -> "U8";
            case Bool -> "BOOL";
            default -> throw new IllegalArgumentException("cannot save dtype " + t);
        };
    }

    static ScalarType scalarType(String name, String source) {
        return switch (name) {
            case "F32" -> ScalarType.Float;
            case "F64" -> ScalarType.Double;
            case "BF16" -> ScalarType.BFloat16;
            case "F16" -> ScalarType.Half;
            case "I64" -> ScalarType.Long;
            case "I32" -> ScalarType.Int;
            case "U8" -> ScalarType.Byte;
            case "BOOL" -> ScalarType.Bool;
            default -> throw new BadInputException(source + ": unsupported dtype " + name);
        };
    }
}
