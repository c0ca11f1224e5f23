package dlwj.chapter05;

import dlwj.cli.ExampleOptions;
import dlwj.datasets.Vgg16Weights;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --weights}: the VGG16 convolutional base's weights (Keras' notop file) to use instead of the download. */
public final class Vgg16WeightsOption {

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Keras' vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 (default: downloaded, 58.9 MB).")
    Path file;

    /** The given file, or Keras' file from the configured data source. */
    Path notop(ExampleOptions options) {
        return file != null ? file : Vgg16Weights.notop(options.dataSource());
    }
}
