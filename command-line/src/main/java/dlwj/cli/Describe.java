package dlwj.cli;

import dlwj.datasets.BostonHousing;
import dlwj.datasets.ClimateData;
import dlwj.datasets.FashionMnist;
import dlwj.datasets.GloVe;
import dlwj.datasets.ImageData;
import dlwj.datasets.ImageFolders;
import dlwj.datasets.Imdb;
import dlwj.datasets.ImdbReviews;
import dlwj.datasets.JenaClimate;
import dlwj.datasets.Mnist;
import dlwj.datasets.RegressionData;
import dlwj.datasets.Reuters;
import dlwj.datasets.SequenceData;
import dlwj.datasets.TextData;
import dlwj.datasets.TextOptions;
import dlwj.datasets.Vgg16Weights;
import dlwj.datasets.WordIndex;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.DatasetUnavailableException;
import dlwj.datasets.formats.KerasWeightsFile;
import dlwj.keras.NativeRuntime;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.datavec.image.loader.NativeImageLoader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code describe DATASET}: loads a dataset as the examples do and prints what Keras' {@code load_data}
 * would give: shapes, dtypes, label counts, and the first training and test samples.
 */
@Command(name = "describe", mixinStandardHelpOptions = true, sortOptions = false, version = "describe 0.1.0",
        description = "Loads a dataset of the book and prints its shapes, dtypes, label counts and first samples.",
        footer = {"", "Examples:",
            "  describe reuters --num-words 10000",
            "  describe imdb --local-file ~/Downloads/imdb.npz --mirror ~/Downloads",
            "  describe imdb-reviews --local-file ~/Downloads/aclImdb_v1.tar.gz",
            "  describe fashion-mnist --mirror /usr/share/datasets/fashion-mnist"})
public final class Describe implements Callable<Integer>, CheckedOptions {

    /** The datasets, under the names the command accepts (Keras' module names work too). */
    enum Dataset {
        MNIST("mnist"), FASHION_MNIST("fashion-mnist", "fashion_mnist"), IMDB("imdb"), REUTERS("reuters"),
        BOSTON_HOUSING("boston-housing", "boston_housing"),
        DOGS_VS_CATS("dogs-vs-cats", "cats_and_dogs_filtered", "cats-and-dogs"), VGG16("vgg16"),
        IMDB_REVIEWS("imdb-reviews", "aclimdb"), GLOVE("glove"), JENA_CLIMATE("jena-climate", "jena_climate");

        final String[] names;

        Dataset(String... names) {
            this.names = names;
        }

        static Dataset named(String name) {
            return Arrays.stream(values())
                    .filter(d -> Arrays.asList(d.names).contains(name.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown dataset '" + name + "'; choose one of "
                            + Arrays.stream(values()).map(d -> d.names[0]).collect(Collectors.joining(", "))));
        }
    }

    @Parameters(paramLabel = "DATASET", converter = DatasetConverter.class,
            description = "mnist, fashion-mnist, imdb, reuters, boston-housing, dogs-vs-cats, vgg16, imdb-reviews "
                    + "(the raw texts), glove or jena-climate")
    Dataset dataset;

    @Option(names = "--num-words", paramLabel = "N", defaultValue = "0",
            description = "IMDB and Reuters: keep the N most frequent words (0: all, as Keras' num_words=None).")
    int numWords;

    @Mixin
    DogsVsCatsSplitOption dogsVsCats = new DogsVsCatsSplitOption();

    @Option(names = "--embedding-dim", paramLabel = "N", defaultValue = "100",
            description = "glove: the vectors of N dimensions (50, 100, 200 or 300; the book's is 100).")
    int embeddingDim;

    @Mixin
    DataSourceOptions data = new DataSourceOptions();

    private final PrintStream out = System.out;

    @Override
    public void checkOptions() {
        if (numWords < 0) {
            throw new IllegalArgumentException("--num-words must be 0 (all words) or a positive number, not " + numWords);
        }
        if (!GloVe.DIMENSIONS.contains(embeddingDim)) {
            throw new IllegalArgumentException("--embedding-dim must be one of " + GloVe.DIMENSIONS.stream()
                    .map(String::valueOf).collect(Collectors.joining(", ")) + " (GloVe 6B's files), not " + embeddingDim);
        }
    }

    public static void main(String[] args) {
        NativeRuntime.prepare();
        System.exit(Commands.execute(new Describe(), new PrintWriter(System.err, true), args));
    }

    @Override
    public Integer call() throws IOException {
        DataSource source = data.dataSource();
        switch (dataset) {
            case MNIST -> images("mnist", Mnist.loadData(source));
            case FASHION_MNIST -> images("fashion_mnist", FashionMnist.loadData(source));
            case IMDB -> text("imdb", Imdb.loadData(options(), source), () -> Imdb.wordIndex(source));
            case REUTERS -> text("reuters", Reuters.loadData(options(), source), () -> Reuters.wordIndex(source));
            case BOSTON_HOUSING -> boston(BostonHousing.loadData(0.2, 113, source));
            case DOGS_VS_CATS -> folders(dogsVsCats.folders(source));
            case VGG16 -> vgg16(Vgg16Weights.notop(source));
            case IMDB_REVIEWS -> reviews(source);
            case GLOVE -> glove(GloVe.embeddingsIndex(embeddingDim, source));
            case JENA_CLIMATE -> climate(JenaClimate.loadData(source));
            default -> throw new IllegalStateException(dataset.name());
        }
        return 0;
    }

    private TextOptions options() {
        return TextOptions.builder().numWords(numWords).build();
    }

    private void images(String name, ImageData data) {
        out.printf("%s.load_data()%n", name);
        out.printf("  train_images: shape %s, dtype %s%n", shape(data.trainImages()), dtype(data.trainImages()));
        out.printf("  train_labels: shape %s, dtype %s, counts %s%n", shape(data.trainLabels()),
                dtype(data.trainLabels()), counts(data.trainLabels().toIntVector()));
        out.printf("  test_images:  shape %s, dtype %s%n", shape(data.testImages()), dtype(data.testImages()));
        out.printf("  test_labels:  shape %s, dtype %s, counts %s%n", shape(data.testLabels()),
                dtype(data.testLabels()), counts(data.testLabels().toIntVector()));
        for (String split : new String[] {"train", "test"}) {
            INDArray images = split.equals("train") ? data.trainImages() : data.testImages();
            INDArray labels = split.equals("train") ? data.trainLabels() : data.testLabels();
            INDArray first = images.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all());
            out.printf("  first %s image (label %d):%n", split, labels.getInt(0));
            out.print(AsciiImage.render(first.toFloatMatrix(), 255, 28));
        }
    }

    private void text(String name, SequenceData data, Supplier<WordIndex> wordIndex) {
        out.printf("%s.load_data(num_words=%s)%n", name, numWords == 0 ? "None" : numWords);
        describeSequences("x_train", data.trainSequences(), data.trainLabels());
        describeSequences("x_test", data.testSequences(), data.testLabels());
        WordIndex index = null;
        try {
            index = wordIndex.get();
        } catch (DatasetUnavailableException e) {
            out.printf("  (no decoded text: the word index is unavailable: %s)%n", e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        firstSequence("train", data.trainSequences()[0], data.trainLabels()[0], index);
        firstSequence("test", data.testSequences()[0], data.testLabels()[0], index);
    }

    private void describeSequences(String name, int[][] sequences, int[] labels) {
        IntStream lengths = Arrays.stream(sequences).mapToInt(s -> s.length);
        var stats = lengths.summaryStatistics();
        int maxIndex = Arrays.stream(sequences).flatMapToInt(Arrays::stream).max().orElse(0);
        out.printf("  %s: shape (%d,), dtype object (lists of int); lengths min %d mean %.1f max %d; "
                + "largest word index %d%n", name, sequences.length, stats.getMin(), stats.getAverage(),
                stats.getMax(), maxIndex);
        out.printf("  %s: shape (%d,), dtype int64, counts %s%n", name.replace('x', 'y'), labels.length,
                counts(labels));
    }

    private void firstSequence(String split, int[] sequence, int label, WordIndex index) {
        out.printf("  first %s sample: label %d, %d words: %s%n", split, label, sequence.length,
                Arrays.stream(sequence).limit(20).mapToObj(Integer::toString)
                        .collect(Collectors.joining(", ", "[", sequence.length > 20 ? ", ...]" : "]")));
        if (index != null) {
            String decoded = index.decode(sequence);
            out.printf("    decoded: %s%n", decoded.length() > 300 ? decoded.substring(0, 300) + " ..." : decoded);
        }
    }

    private void boston(RegressionData data) {
        out.println("boston_housing.load_data()");
        out.printf("  x_train: shape %s, dtype %s%n", shape(data.trainData()), dtype(data.trainData()));
        out.printf("  y_train: shape %s, dtype %s, min %.1f mean %.2f max %.1f%n", shape(data.trainTargets()),
                dtype(data.trainTargets()), data.trainTargets().minNumber().doubleValue(),
                data.trainTargets().meanNumber().doubleValue(), data.trainTargets().maxNumber().doubleValue());
        out.printf("  x_test:  shape %s, dtype %s%n", shape(data.testData()), dtype(data.testData()));
        out.printf("  y_test:  shape %s, dtype %s%n", shape(data.testTargets()), dtype(data.testTargets()));
        out.printf("  features: %s%n", String.join(", ", BostonHousing.FEATURES));
        out.printf("  first train sample: %s -> %s%n", row(data.trainData().getRow(0).toDoubleVector()),
                number(data.trainTargets().getDouble(0)));
        out.printf("  first test sample:  %s -> %s%n", row(data.testData().getRow(0).toDoubleVector()),
                number(data.testTargets().getDouble(0)));
    }

    private void folders(ImageFolders folders) throws IOException {
        out.println("dogs vs cats");
        for (Path split : new Path[] {folders.train(), folders.validation(), folders.test()}) {
            if (split == null) {
                out.println("  test: none (cats_and_dogs_filtered has no test split; --kaggle-train builds one)");
                continue;
            }
            out.printf("  %s: %s%n", split.getFileName(), folders.classes().stream()
                    .map(c -> c + " " + ImageFolders.count(split, c)).collect(Collectors.joining(", ")));
        }
        out.printf("  folder: %s%n", folders.train().getParent());
        File first = ImageFolders.images(folders.train(), folders.classes().get(0)).get(0).toFile();
        INDArray image = new NativeImageLoader().asMatrix(first); // [1, channels, height, width], BGR
        long[] shape = image.shape();
        out.printf("  first train image: %s, %d x %d pixels, %d channels (label %d, %s)%n", first.getName(),
                shape[3], shape[2], shape[1], 0, folders.classes().get(0));
        INDArray gray = image.get(NDArrayIndex.point(0)).mean(0);
        out.print(AsciiImage.render(gray.toFloatMatrix(), 255, 64));
    }

    private void vgg16(Path file) throws IOException {
        out.printf("VGG16 ImageNet weights without top: %s%n", file);
        long total = 0;
        try (KerasWeightsFile weights = KerasWeightsFile.open(file)) {
            for (String layer : weights.layerNames()) {
                var layerWeights = weights.weights(layer);
                long count = layerWeights.stream().mapToLong(w -> w.values().length).sum();
                total += count;
                out.printf("  %-14s %-40s %,d%n", layer, layerWeights, count);
            }
        }
        out.printf("  total parameters: %,d%n", total);
    }

    private void reviews(DataSource source) {
        out.println("aclImdb (raw IMDB reviews, listing 6.8)");
        Path folder = ImdbReviews.folder(source);
        out.printf("  folder: %s%n", folder);
        for (String split : ImdbReviews.SPLITS) {
            TextData data = ImdbReviews.load(split, source);
            var lengths = data.texts().stream().mapToInt(String::length).summaryStatistics();
            out.printf("  %s: %,d texts, labels %s (0 neg, 1 pos); lengths min %d mean %.1f max %d characters%n",
                    split, data.size(), counts(data.labels()), lengths.getMin(), lengths.getAverage(),
                    lengths.getMax());
            String first = data.texts().get(0);
            out.printf("  first %s text (label %d): %s%n", split, data.labels()[0],
                    first.length() > 200 ? first.substring(0, 200) + " ..." : first);
        }
    }

    private void glove(Map<String, float[]> embeddingsIndex) {
        out.printf("GloVe %s (listing 6.10)%n", GloVe.fileName(embeddingDim));
        out.printf("  Found %d word vectors, of %d dimensions.%n", embeddingsIndex.size(), embeddingDim);
        embeddingsIndex.entrySet().stream().limit(3).forEach(word -> out.printf("  %s: %s%n", word.getKey(),
                vector(word.getValue())));
    }

    private void climate(ClimateData data) {
        out.println("jena_climate_2009_2016.csv (listings 6.28-6.29)");
        out.printf("  header: %s%n", data.header());
        out.printf("  float_data: shape (%d, %d), dtype float32; %s to %s%n", data.rows(), data.columns(),
                data.dateTimes()[0], data.dateTimes()[data.rows() - 1]);
        out.printf("  first row: %s %s%n", data.dateTimes()[0], vector(data.row(0)));
        float[] temperature = new float[data.rows()];
        for (int row = 0; row < data.rows(); row++) {
            temperature[row] = data.get(row, 1);
        }
        var stats = IntStream.range(0, temperature.length).mapToDouble(i -> temperature[i]).summaryStatistics();
        out.printf("  T (degC): min %.2f mean %.2f max %.2f%n", stats.getMin(), stats.getAverage(), stats.getMax());
    }

    /** The first values of a vector, as numpy prints a float32 array. */
    private static String vector(float[] values) {
        return IntStream.range(0, Math.min(values.length, 14)).mapToObj(i -> Float.toString(values[i]))
                .collect(Collectors.joining(", ", "[", values.length > 14 ? ", ...]" : "]"));
    }

    private static String shape(INDArray array) {
        return Arrays.stream(array.shape()).mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "(", array.rank() == 1 ? ",)" : ")"));
    }

    /** numpy's name for the array's element type. */
    private static String dtype(INDArray array) {
        return switch (array.dataType()) {
            case DOUBLE -> "float64";
            case FLOAT -> "float32";
            case LONG -> "int64";
            case INT -> "int32";
            case UBYTE -> "uint8";
            default -> array.dataType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String counts(int[] labels) {
        int[] counts = SequenceData.labelCounts(labels);
        return IntStream.range(0, counts.length).mapToObj(i -> i + ": " + counts[i])
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String row(double[] values) {
        return Arrays.stream(values).mapToObj(Describe::number).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A number as numpy prints it: no trailing zeros. */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static final class DatasetConverter implements CommandLine.ITypeConverter<Dataset> {
        @Override
        public Dataset convert(String value) {
            return Dataset.named(value);
        }
    }
}
