package dlwj.chapter02;

import static dlwj.training.NumpyNames.describe;
import static dlwj.training.NumpyNames.shape;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.MnistDatasetOption;
import dlwj.datasets.ImageData;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 2.2, "Data representations for neural networks": tensors of rank 0 to 3 built in ND4J, the
 * attributes of the MNIST tensor, slicing, batches, and the shapes of real-world data. Each line prints what
 * numpy prints for the book's expression ({@code ndim}, {@code shape}, {@code dtype}).
 */
@Command(name = "DataRepresentations", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 2.2: scalars, vectors, matrices and 3D tensors; MNIST's tensor, slices and batches.")
public final class DataRepresentations implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new DataRepresentations(), args);
    }

    @Override
    public Integer call() {
        // 2.2.1 Scalars (0D tensors): x = np.array(12). Java's long is numpy's default int64.
        show("np.array(12)", Nd4j.scalar(12L));

        // 2.2.2 Vectors (1D tensors): a 4-dimensional vector, which is a 1D tensor
        show("np.array([12, 3, 6, 14])", Nd4j.createFromArray(12L, 3L, 6L, 14L));

        // 2.2.3 Matrices (2D tensors): rows and columns
        long[][] rows = {{5, 78, 2, 34, 0}, {6, 79, 3, 35, 1}, {7, 80, 4, 36, 2}};
        show("np.array([[5, 78, 2, 34, 0], [6, 79, 3, 35, 1], [7, 80, 4, 36, 2]])", Nd4j.createFromArray(rows));

        // 2.2.4 3D tensors: matrices packed in an array
        show("np.array([matrix, matrix])", Nd4j.createFromArray(new long[][][] {rows, rows}));

        // 2.2.5 Key attributes, of the MNIST training images
        ImageData data = dataset.loadData(options.dataSource());
        INDArray trainImages = data.trainImages();
        long samples = trainImages.size(0);
        System.out.println("train_images: " + describe(trainImages));
        System.out.println("train_labels[4] = " + data.trainLabels().getInt(4)
                + " (the digit the book displays; MnistFirstNetwork writes it as a PNG)");

        // 2.2.6 Manipulating tensors in Numpy: slicing. ND4J's intervals take an absolute end (no -7 from the
        // end) and, like Python's, exclude it.
        INDArray mySlice = trainImages.get(interval(10, 100));
        showImages("train_images[10:100]", mySlice);
        showImages("train_images[10:100, :, :]", trainImages.get(interval(10, 100), all(), all()));
        showImages("train_images[10:100, 0:28, 0:28]", trainImages.get(interval(10, 100), interval(0, 28), interval(0, 28)));
        showImages("train_images[:, 14:, 14:]", trainImages.get(all(), interval(14, 28), interval(14, 28)));
        showImages("train_images[:, 7:-7, 7:-7]", trainImages.get(all(), interval(7, 28 - 7), interval(7, 28 - 7)));

        // 2.2.7 The notion of data batches: the first axis is the samples axis
        showImages("train_images[:128]", trainImages.get(interval(0, 128)));
        showImages("train_images[128:256]", trainImages.get(interval(128, 256)));
        long n = 3;
        showImages("train_images[128 * n:128 * (n + 1)] with n = 3", trainImages.get(interval(128 * n, 128 * (n + 1))));
        System.out.printf("%d samples make %d batches of 128 (the last one of %d)%n",
                samples, (samples + 127) / 128, samples % 128 == 0 ? 128 : samples % 128);

        // 2.2.8 to 2.2.12: real-world data tensors, by shape (sizes as float32)
        System.out.println("\nReal-world data tensors:");
        realWorld("vector data: 100,000 people by (age, ZIP code, income)", 100_000, 3);
        realWorld("vector data: 500 documents as counts of 20,000 words", 500, 20_000);
        realWorld("timeseries: a year of stock prices (250 days, 390 minutes, 3 prices)", 250, 390, 3);
        realWorld("timeseries: 1,000,000 tweets of 280 characters, one-hot over 128", 1_000_000, 280, 128);
        realWorld("images: a batch of 128 grayscale 256x256 images", 128, 256, 256, 1);
        realWorld("images: a batch of 128 color 256x256 images (channels last)", 128, 256, 256, 3);
        realWorld("video: 4 clips of 240 frames of 144x256 color", 4, 240, 144, 256, 3);
        return 0;
    }

    private static void show(String numpyExpression, INDArray tensor) {
        System.out.println(numpyExpression + ": " + describe(tensor) + ", sum " + tensor.sumNumber().longValue());
    }

    /** A batch of images: its attributes and the first pixel row of its first image. */
    private static void showImages(String numpyExpression, INDArray images) {
        System.out.println(numpyExpression + ": " + describe(images) + ", [0, 0, :] = "
                + Arrays.toString(images.get(point(0), point(0), all()).toIntVector()));
    }

    private static void realWorld(String what, long... dimensions) {
        long values = Arrays.stream(dimensions).reduce(1, Math::multiplyExact);
        System.out.printf("  %-72s %-24s %,15d values, %,9.1f MB%n", what, shape(dimensions), values,
                values * 4 / (1024.0 * 1024.0));
    }

    // The command line: which MNIST (--dataset), and where its files come from

    @Mixin
    MnistDatasetOption dataset = new MnistDatasetOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
