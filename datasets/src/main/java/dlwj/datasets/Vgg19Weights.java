package dlwj.datasets;

import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.RemoteFile;
import dlwj.datasets.formats.KerasWeightsFile;
import java.nio.file.Path;
import java.util.List;

/**
 * VGG19's convolutional base trained on ImageNet (book section 8.3, neural style transfer): Keras'
 * {@code vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5}, 80.1 MB, in the layout of {@link Vgg16Weights}'s file
 * with three more convolutions ({@code block3_conv4}, {@code block4_conv4}, {@code block5_conv4}).
 */
public final class Vgg19Weights {

    /** The convolution layers, in order; each block ends with a 2x2 max pooling. */
    public static final List<String> CONV_LAYERS = List.of("block1_conv1", "block1_conv2", "block2_conv1",
            "block2_conv2", "block3_conv1", "block3_conv2", "block3_conv3", "block3_conv4", "block4_conv1",
            "block4_conv2", "block4_conv3", "block4_conv4", "block5_conv1", "block5_conv2", "block5_conv3",
            "block5_conv4");

    /** Keras' VGG19 ImageNet weights without the classifier ("notop"), with the MD5 Keras checks. */
    public static final RemoteFile NOTOP = RemoteFile.of("models/vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5",
            "https://storage.googleapis.com/tensorflow/keras-applications/vgg19/"
                    + "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5",
            Checksum.md5("253f8cb515780f3b799900260a226db6"),
            80_134_624, KerasWeightsFile.holding(CONV_LAYERS.toArray(String[]::new)));

    private Vgg19Weights() {
    }

    /** The weights file from {@code source}; read it with {@link KerasWeightsFile}. */
    public static Path notop(DataSource source) {
        return source.get(NOTOP);
    }
}
