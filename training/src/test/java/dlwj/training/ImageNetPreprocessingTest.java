package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras' preprocess_input of VGG and InceptionV3, and the notebooks' deprocess_image. */
class ImageNetPreprocessingTest {

    /** One pixel, red 200, green 100, blue 50. */
    private static final INDArray PIXEL = Nd4j.createFromArray(new float[] {200, 100, 50}).reshape(3, 1, 1);

    @Test
    void vggReversesTheChannelsAndSubtractsImageNetsMeanPixel() {
        INDArray input = ImageNetPreprocessing.vgg(PIXEL);

        assertArrayEquals(new long[] {1, 3, 1, 1}, input.shape());
        assertArrayEquals(new float[] {50 - 103.939f, 100 - 116.779f, 200 - 123.68f}, input.data().asFloat(), 1e-4f);
        assertArrayEquals(PIXEL.data().asFloat(), ImageNetPreprocessing.undoVgg(input).data().asFloat(), 1e-4f);
    }

    @Test
    void inceptionScalesFromMinusOneToOne() {
        INDArray input = ImageNetPreprocessing.inception(PIXEL);

        assertArrayEquals(new long[] {1, 3, 1, 1}, input.shape());
        assertArrayEquals(new float[] {200 / 127.5f - 1, 100 / 127.5f - 1, 50 / 127.5f - 1}, input.data().asFloat(),
                1e-6f);
        assertArrayEquals(PIXEL.data().asFloat(), ImageNetPreprocessing.undoInception(input).data().asFloat(), 1e-4f);
    }

    @Test
    void theInverseClipsToPixelValues() {
        INDArray far = Nd4j.createFromArray(new float[] {-500, 0, 500}).reshape(1, 3, 1, 1);

        assertArrayEquals(new float[] {255, 116.779f, 0}, ImageNetPreprocessing.undoVgg(far).data().asFloat(), 1e-4f);
    }
}
