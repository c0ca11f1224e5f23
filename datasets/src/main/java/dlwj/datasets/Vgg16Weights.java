package dlwj.datasets;

import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.RemoteFile;
import dlwj.datasets.formats.KerasWeightsFile;
import java.nio.file.Path;
import java.util.List;

/**
 * VGG16's convolutional base trained on ImageNet (book section 5.3): Keras'
 * {@code vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5}, 58.9 MB, the weights of {@code block1_conv1}
 * to {@code block5_conv3}, kernels as (height, width, in, out), for channels-last RGB input.
 */
public final class Vgg16Weights {

    /** The convolution layers, in order; each block ends with a 2x2 max pooling. */
    public static final List<String> CONV_LAYERS = List.of("block1_conv1", "block1_conv2", "block2_conv1",
            "block2_conv2", "block3_conv1", "block3_conv2", "block3_conv3", "block4_conv1", "block4_conv2",
            "block4_conv3", "block5_conv1", "block5_conv2", "block5_conv3");

    /** Keras' VGG16 ImageNet weights without the classifier ("notop"). */
    public static final RemoteFile NOTOP = RemoteFile.of("models/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
            "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
                    + "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
            Checksum.md5("6d6bbae143d832006294945121d1f1fc"),
            58_889_256, KerasWeightsFile.holding(CONV_LAYERS.toArray(String[]::new)));

    /** Keras' VGG16 ImageNet weights with the classifier (fc1, fc2, predictions): 528 MB. */
    public static final RemoteFile WITH_TOP = RemoteFile.of("models/vgg16_weights_tf_dim_ordering_tf_kernels.h5",
            "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
                    + "vgg16_weights_tf_dim_ordering_tf_kernels.h5",
            Checksum.md5("64373286793e3c8b2b4e3219cbf3544b"),
            553_467_096, KerasWeightsFile.holding("block5_conv3", "fc1", "fc2", "predictions"));

    private Vgg16Weights() {
    }

    /** The weights file, from the environment's {@link DataSource#fromEnvironment() source}; read it with {@link KerasWeightsFile}. */
    public static Path notop() {
        return notop(DataSource.fromEnvironment());
    }

    public static Path notop(DataSource source) {
        return source.get(NOTOP);
    }

    /** The weights with the classifier, for VGG16's ImageNet predictions (book section 5.4.3). */
    public static Path withTop(DataSource source) {
        return source.get(WITH_TOP);
    }
}
