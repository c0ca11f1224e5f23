package dlwj.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An image dataset as Keras' {@code mnist.load_data} returns it: images of shape
 * (samples, height, width) and labels of shape (samples), both {@code uint8}, as in the book's
 * {@code train_images.shape == (60000, 28, 28)}, {@code train_images.dtype == uint8}; or as {@code
 * cifar10.load_data} does: colour images (samples, 32, 32, 3) and labels (samples, 1).
 */
public record ImageData(INDArray trainImages, INDArray trainLabels, INDArray testImages, INDArray testLabels) {
}
