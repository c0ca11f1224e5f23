package dlwj.training;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The {@code preprocess_input} of Keras' ImageNet models, which a picture goes through before the network sees it,
 * and its inverse, which turns a network's input back into a picture (the book's {@code deprocess_image}). Pictures
 * are {@code [3, height, width]} RGB from 0 to 255; inputs {@code [1, 3, height, width]}.
 */
public final class ImageNetPreprocessing {

    /** ImageNet's mean pixel, blue, green, red: what VGG16's and VGG19's {@code preprocess_input} subtract. */
    private static final float[] MEAN_BGR = {103.939f, 116.779f, 123.68f};

    private ImageNetPreprocessing() {
    }

    /** VGG16's and VGG19's {@code preprocess_input}: the channels reversed to BGR, ImageNet's mean pixel subtracted. */
    public static INDArray vgg(INDArray rgb) {
        INDArray input = Nd4j.create(DataType.FLOAT, 1, 3, rgb.size(1), rgb.size(2));
        for (int c = 0; c < 3; c++) {
            input.get(point(0), point(c)).assign(rgb.get(point(2 - c)).sub(MEAN_BGR[c]));
        }
        return input;
    }

    /** The notebook's {@code deprocess_image} of section 8.3: the mean pixel added back, RGB, clipped to 0-255. */
    public static INDArray undoVgg(INDArray input) {
        INDArray rgb = Nd4j.create(DataType.FLOAT, 3, input.size(2), input.size(3));
        for (int c = 0; c < 3; c++) {
            rgb.get(point(2 - c), all(), all()).assign(input.get(point(0), point(c)).castTo(DataType.FLOAT).add(MEAN_BGR[c]));
        }
        return Transforms.min(Transforms.max(rgb, 0, false), 255, false);
    }

    /** InceptionV3's {@code preprocess_input}: RGB scaled from -1 to 1. */
    public static INDArray inception(INDArray rgb) {
        return rgb.castTo(DataType.FLOAT).div(127.5).subi(1).reshape(1, 3, rgb.size(1), rgb.size(2));
    }

    /** The notebook's {@code deprocess_image} of section 8.2: back from -1..1 to 0-255, clipped. */
    public static INDArray undoInception(INDArray input) {
        INDArray rgb = input.castTo(DataType.FLOAT).add(1).muli(127.5).reshape(3, input.size(2), input.size(3));
        return Transforms.min(Transforms.max(rgb, 0, false), 255, false);
    }
}
