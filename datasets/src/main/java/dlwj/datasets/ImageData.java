package dlwj.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An image dataset as Keras' {@code mnist.load_data} returns it: images of shape
 * (samples, height, width) and labels of shape (samples), both {@code uint8}, as in the book's
 * {@code train_images.shape == (60000, 28, 28)}, {@code train_images.dtype == uint8}.
 */
public record ImageData(INDArray trainImages, INDArray trainLabels, INDArray testImages, INDArray testLabels) {
}
