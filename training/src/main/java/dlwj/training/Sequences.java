package dlwj.training;

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
        float[] values = new float[Math.multiplyExact(sequences.length, dimension)];
        for (int row = 0; row < sequences.length; row++) {
            int offset = row * dimension;
            for (int index : sequences[row]) {
                if (index < 0 || index >= dimension) {
                    throw new IllegalArgumentException("Word index " + index + " in sequence " + row
                            + " is outside [0, " + dimension + "): load the data with numWords=" + dimension);
                }
                values[offset + index] = 1f;
            }
        }
        return Nd4j.create(values, new long[] {sequences.length, dimension}, DataType.FLOAT);
    }
}
