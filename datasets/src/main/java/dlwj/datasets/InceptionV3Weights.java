package dlwj.datasets;

import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.files.RemoteFile;
import dlwj.datasets.formats.KerasWeightsFile;
import java.nio.file.Path;
import java.util.List;

/**
 * InceptionV3 trained on ImageNet without its classifier (book section 8.2, DeepDream): Keras'
 * {@code inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5}, 87.9 MB, Keras 2's layout: 94 convolutions
 * without bias ({@code conv2d_1/kernel:0}), each followed by a batch normalisation without scale
 * ({@code batch_normalization_1/beta:0}, {@code moving_mean:0}, {@code moving_variance:0}).
 */
public final class InceptionV3Weights {

    /** InceptionV3's convolutions, each with its batch normalisation. */
    public static final int CONVOLUTIONS = 94;

    /** Keras' InceptionV3 ImageNet weights without the classifier ("notop"), with the MD5 Keras checks. */
    public static final RemoteFile NOTOP = RemoteFile.of(
            "models/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5",
            "https://storage.googleapis.com/tensorflow/keras-applications/inception_v3/"
                    + "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5",
            Checksum.md5("bcbd6486424b2319ff4ef7d526e38f63"), 87_910_968, file -> {
                try (KerasWeightsFile weights = KerasWeightsFile.open(file)) {
                    int convolutions = 0;
                    int normalizations = 0;
                    for (String layer : weights.layerNames()) {
                        List<long[]> shapes = weights.shapes(layer);
                        convolutions += shapes.size() == 1 && shapes.get(0).length == 4 ? 1 : 0;
                        normalizations += shapes.size() == 3 ? 1 : 0;
                    }
                    if (convolutions != CONVOLUTIONS || normalizations != CONVOLUTIONS) {
                        throw new InvalidDataFileException(file.getFileName() + " has " + convolutions
                                + " convolutions without bias and " + normalizations + " batch normalisations; "
                                + "InceptionV3 has " + CONVOLUTIONS + " of each");
                    }
                }
            });

    private InceptionV3Weights() {
    }

    /** The weights file from {@code source}; read it with {@link KerasWeightsFile}. */
    public static Path notop(DataSource source) {
        return source.get(NOTOP);
    }
}
