package dlwj.datasets;

import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.formats.NpyArray;
import java.nio.ByteBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns arrays read from files into ND4J arrays of the same dtype and shape. */
final class NdArrays {

    private NdArrays() {
    }

    /** A {@code uint8} array, such as MNIST's images and labels. */
    static INDArray uint8(NpyArray array) throws InvalidDataFileException {
        return uint8(array.bytes(), array.shape());
    }

    /** {@code bytes} as a {@code uint8} array of {@code shape}, in C order. */
    static INDArray uint8(byte[] bytes, long... shape) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Nd4j.create(Nd4j.createBuffer(direct, DataType.UINT8, bytes.length), shape);
    }
}
