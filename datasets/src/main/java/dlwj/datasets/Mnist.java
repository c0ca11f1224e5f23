package dlwj.datasets;

import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.RemoteFile;
import dlwj.datasets.formats.NpyArray;
import dlwj.datasets.formats.Npz;
import java.util.List;
import java.util.Map;

/**
 * The MNIST handwritten digits (book sections 2.1 and 5.1): 60,000 training and 10,000 test grayscale
 * images of 28x28 pixels, labels 0 to 9. {@link #loadData} is Keras' {@code mnist.load_data}: the same
 * {@code mnist.npz}, unshuffled.
 */
public final class Mnist {

    /** Keras' {@code mnist.npz}. */
    public static final RemoteFile DATA = RemoteFile.of("datasets/mnist.npz",
            "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz",
            Checksum.sha256("731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"),
            11_490_434, Npz.holding("x_train", "y_train", "x_test", "y_test"));

    private Mnist() {
    }

    /** {@code mnist.load_data()}, from the environment's {@link DataSource#fromEnvironment() source}. */
    public static ImageData loadData() {
        return loadData(DataSource.fromEnvironment());
    }

    public static ImageData loadData(DataSource source) {
        return source.load(DATA, file -> {
            Map<String, NpyArray> arrays = Npz.read(file, "x_train", "y_train", "x_test", "y_test");
            for (String split : List.of("train", "test")) { // images of (samples, 28, 28), one label each
                arrays.get("x_" + split).requireRank(3).requireSameLength(arrays.get("y_" + split).requireRank(1));
            }
            return new ImageData(NdArrays.uint8(arrays.get("x_train")), NdArrays.uint8(arrays.get("y_train")),
                    NdArrays.uint8(arrays.get("x_test")), NdArrays.uint8(arrays.get("y_test")));
        });
    }
}
