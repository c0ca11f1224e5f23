package dlwj.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A tabular regression dataset as Keras' {@code boston_housing.load_data} returns it: samples of shape
 * (samples, features) and targets of shape (samples), both {@code float64}.
 */
public record RegressionData(INDArray trainData, INDArray trainTargets, INDArray testData, INDArray testTargets) {
}
