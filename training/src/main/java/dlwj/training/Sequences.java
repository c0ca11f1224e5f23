package dlwj.training;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turning word-index sequences into tensors, as the book's chapter 3 does. */
public final class Sequences {

    private Sequences() {
    }

    /**
     * The book's {@code vectorize_sequences(sequences, dimension)}: one row per sequence, 1 at the index of
     * every word it contains, 0 elsewhere (float32). Indices at or above {@code dimension} are refused.
     */
    public static INDArray multiHot(int[][] sequences, int dimension) {
        INDArray result = Nd4j.zeros(DataType.FLOAT, sequences.length, dimension);
        // written in place through the off-heap buffer: a float[] of the same size would double the memory
        FloatBuffer values = result.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int row = 0; row < sequences.length; row++) {
            long offset = (long) row * dimension;
            for (int index : sequences[row]) {
                if (index < 0 || index >= dimension) {
                    throw new IllegalArgumentException("Word index " + index + " in sequence " + row
                            + " is outside [0, " + dimension + "): load the data with numWords=" + dimension);
                }
                values.put(Math.toIntExact(offset + index), 1f);
            }
        }
        return result;
    }
}
