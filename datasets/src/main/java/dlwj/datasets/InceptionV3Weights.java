package dlwj.datasets;

import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.files.RemoteFile;
import dlwj.datasets.formats.KerasWeightsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
                    Layers layers = layers(weights);
                    if (layers.convolutions().size() != CONVOLUTIONS || layers.normalizations().size() != CONVOLUTIONS) {
                        throw new InvalidDataFileException(file.getFileName() + " has " + layers.convolutions().size()
                                + " convolutions without bias and " + layers.normalizations().size() + " batch "
                                + "normalisations; InceptionV3 has " + CONVOLUTIONS + " of each");
                    }
                }
            });

    /**
     * The layers of a file in this layout with weights: its convolutions ({@code conv2d_N}, one kernel of rank 4) and
     * its batch normalisations ({@code batch_normalization_N}, three arrays of rank 1), each list by the number Keras
     * ends the names with, the order in which Keras created them (the file lists them in Keras' topological order).
     */
    public record Layers(List<String> convolutions, List<String> normalizations) {
    }

    /** The file's {@link Layers}, from its weights' shapes (no values read). */
    public static Layers layers(KerasWeightsFile file) throws InvalidDataFileException {
        List<String> convolutions = new ArrayList<>();
        List<String> normalizations = new ArrayList<>();
        for (String name : file.layerNames()) {
            List<long[]> shapes = file.shapes(name);
            if (!name.matches(".*_\\d+")) {
                continue;
            }
            if (shapes.size() == 1 && shapes.get(0).length == 4) {
                convolutions.add(name);
            } else if (shapes.size() == 3 && shapes.stream().allMatch(shape -> shape.length == 1)) {
                normalizations.add(name);
            }
        }
        Comparator<String> byNumber = Comparator.comparingInt(name -> Integer.parseInt(name.substring(
                name.lastIndexOf('_') + 1)));
        convolutions.sort(byNumber);
        normalizations.sort(byNumber);
        return new Layers(List.copyOf(convolutions), List.copyOf(normalizations));
    }

    private InceptionV3Weights() {
    }

    /** The weights file from {@code source}; read it with {@link KerasWeightsFile}. */
    public static Path notop(DataSource source) {
        return source.get(NOTOP);
    }
}
