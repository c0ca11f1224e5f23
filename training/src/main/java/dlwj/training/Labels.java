package dlwj.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Label encodings the book uses. */
public final class Labels {

    private Labels() {
    }

    /** Keras' {@code to_categorical(labels, classes)}: class indices to one-hot rows, float32. */
    public static INDArray toCategorical(INDArray labels, int classes) {
        long n = labels.length();
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, n, classes);
        int[] indices = labels.castTo(DataType.INT).toIntVector();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= classes) {
                throw new IllegalArgumentException("Label " + indices[i] + " at " + i + " is not in [0, " + classes + ")");
            }
            oneHot.putScalar(i, indices[i], 1f);
        }
        return oneHot;
    }

    /** {@code np.asarray(labels).astype('float32')}, as the column a one-unit sigmoid output is trained on. */
    public static INDArray asFloat32(int[] labels) {
        return Nd4j.createFromArray(labels).castTo(DataType.FLOAT).reshape(labels.length, 1);
    }
}
