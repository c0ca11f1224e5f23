package dlwj.training;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
        return multiHot(sequences, dimension, DataType.FLOAT);
    }

    /**
     * {@link #multiHot(int[][], int)} stored as {@code type}: {@code FLOAT}, or {@code UBYTE} for a quarter of
     * the memory (IMDB's 25,000 x 10,000 matrix: 250 MB instead of 1 GB). The values are the same 0s and 1s;
     * {@link Trainer} converts each batch to the network's type as it gathers it.
     */
    public static INDArray multiHot(int[][] sequences, int dimension, DataType type) {
        if (type != DataType.FLOAT && type != DataType.UBYTE) {
            throw new IllegalArgumentException("multi-hot vectors are stored as FLOAT or UBYTE, not " + type);
        }
        INDArray result = Nd4j.zeros(type, sequences.length, dimension);
        // written in place through the off-heap buffer: a Java array of the same size would double the memory
        ByteBuffer bytes = result.data().asNio().order(ByteOrder.nativeOrder());
        int width = type.width();
        for (int row = 0; row < sequences.length; row++) {
            long offset = (long) row * dimension;
            for (int index : sequences[row]) {
                if (index < 0 || index >= dimension) {
                    throw new IllegalArgumentException("Word index " + index + " in sequence " + row
                            + " is outside [0, " + dimension + "): load the data with numWords=" + dimension);
                }
                int position = Math.toIntExact((offset + index) * width);
                if (type == DataType.FLOAT) {
                    bytes.putFloat(position, 1f);
                } else {
                    bytes.put(position, (byte) 1);
                }
            }
        }
        return result;
    }
}
