package dlwj.datasets;

import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.RemoteFile;
import dlwj.datasets.formats.Idx;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fashion-MNIST: Zalando's drop-in replacement for MNIST, 60,000 training and 10,000 test grayscale
 * 28x28 images of clothes in 10 classes. {@link #loadData} is Keras' {@code fashion_mnist.load_data}:
 * the same four gzipped IDX files (Keras publishes no checksum for them, so each is checked
 * structurally: header, dimensions and full length).
 */
public final class FashionMnist {

    private static final String ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

    public static final RemoteFile TRAIN_LABELS = file("train-labels-idx1-ubyte.gz", 60_000, 29_515);
    public static final RemoteFile TRAIN_IMAGES = file("train-images-idx3-ubyte.gz", 60_000, 26_421_880);
    public static final RemoteFile TEST_LABELS = file("t10k-labels-idx1-ubyte.gz", 10_000, 5_148);
    public static final RemoteFile TEST_IMAGES = file("t10k-images-idx3-ubyte.gz", 10_000, 4_422_102);

    /** The class names, in label order. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** One of the four files: {@code count} items, {@code size} bytes as published. */
    private static RemoteFile file(String name, int count, long size) {
        return RemoteFile.of("datasets/fashion-mnist/" + name, ORIGIN + name, null, size, Idx.holding(count));
    }

    /** {@code fashion_mnist.load_data()}, from the environment's {@link DataSource#fromEnvironment() source}. */
    public static ImageData loadData() {
        return loadData(DataSource.fromEnvironment());
    }

    public static ImageData loadData(DataSource source) {
        return new ImageData(uint8(source, TRAIN_IMAGES), uint8(source, TRAIN_LABELS), uint8(source, TEST_IMAGES),
                uint8(source, TEST_LABELS));
    }

    private static INDArray uint8(DataSource source, RemoteFile file) {
        return source.load(file, path -> NdArrays.uint8(Idx.readGzipped(path)));
    }
}
