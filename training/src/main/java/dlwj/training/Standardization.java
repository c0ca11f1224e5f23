package dlwj.training;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Feature-wise normalisation (book 3.6.2 and 4.3.1): subtract each feature's mean and divide by its
 * standard deviation, both taken from the training data only and then applied to any data, so nothing of
 * the test set leaks into training. numpy's {@code std} (no bias correction), as the book computes it.
 */
public record Standardization(INDArray mean, INDArray std) {

    /** The mean and standard deviation of each column of {@code trainingData}. */
    public static Standardization fit(INDArray trainingData) {
        return new Standardization(trainingData.mean(0), trainingData.std(false, 0));
    }

    /** {@code (data - mean) / std}, as a new array. */
    public INDArray apply(INDArray data) {
        return data.castTo(mean.dataType()).subRowVector(mean).diviRowVector(std);
    }
}
