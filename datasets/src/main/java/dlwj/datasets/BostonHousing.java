package dlwj.datasets;

import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.files.RemoteFile;
import dlwj.datasets.formats.NpyArray;
import dlwj.datasets.formats.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Boston housing prices (book section 3.6): 506 suburbs, 13 features each, and the median home price
 * in thousands of dollars. {@link #loadData} is Keras' {@code boston_housing.load_data}: same file, same
 * shuffle (seed 113), same split (404 training and 102 test samples).
 */
public final class BostonHousing {

    /** Keras' {@code boston_housing.npz}. */
    public static final RemoteFile DATA = RemoteFile.of("datasets/boston_housing.npz",
            "https://storage.googleapis.com/tensorflow/tf-keras-datasets/boston_housing.npz",
            Checksum.sha256("f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"),
            57_026, Npz.holding("x", "y"));

    /** The 13 features, in column order. */
    public static final String[] FEATURES = {"CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD",
        "TAX", "PTRATIO", "B", "LSTAT"};

    private BostonHousing() {
    }

    /** {@code boston_housing.load_data()}, from the environment's {@link DataSource#fromEnvironment() source}. */
    public static RegressionData loadData() {
        return loadData(DataSource.fromEnvironment());
    }

    /** {@code boston_housing.load_data()} from {@code source}. */
    public static RegressionData loadData(DataSource source) {
        return loadData(0.2, 113, source);
    }

    /** {@code boston_housing.load_data(test_split=testSplit, seed=seed)}. */
    public static RegressionData loadData(double testSplit, long seed, DataSource source) {
        if (!(testSplit >= 0 && testSplit < 1)) {
            throw new IllegalArgumentException("testSplit must be in [0, 1), got " + testSplit);
        }
        Samples data = source.load(DATA, BostonHousing::read);
        double[] features = data.features();
        double[] targets = data.targets();
        int samples = targets.length;
        int columns = FEATURES.length;
        int[] order = new NumpyRandomState(seed).shuffledIndices(samples);
        double[] shuffledFeatures = new double[features.length];
        double[] shuffledTargets = new double[samples];
        for (int i = 0; i < samples; i++) {
            System.arraycopy(features, order[i] * columns, shuffledFeatures, i * columns, columns);
            shuffledTargets[i] = targets[order[i]];
        }
        int split = (int) (samples * (1 - testSplit));
        return new RegressionData(
                matrix(Arrays.copyOfRange(shuffledFeatures, 0, split * columns), split, columns),
                vector(Arrays.copyOfRange(shuffledTargets, 0, split)),
                matrix(Arrays.copyOfRange(shuffledFeatures, split * columns, samples * columns), samples - split, columns),
                vector(Arrays.copyOfRange(shuffledTargets, split, samples)));
    }

    /** The file's arrays: {@code x}, the features row by row, and {@code y}, one price per row. */
    private record Samples(double[] features, double[] targets) {
    }

    /** Reads and checks the file: x of (samples, 13) float64, y of (samples,) float64. */
    private static Samples read(Path file) throws IOException {
        Map<String, NpyArray> arrays = Npz.read(file, "x", "y");
        NpyArray x = arrays.get("x").requireRank(2);
        NpyArray y = arrays.get("y").requireRank(1);
        x.requireSameLength(y);
        if (x.shape()[1] != FEATURES.length) {
            throw new InvalidDataFileException(x.name() + " has " + x.shape()[1] + " columns, expected the "
                    + FEATURES.length + " features");
        }
        return new Samples(x.doubles(), y.doubles());
    }

    private static INDArray matrix(double[] values, int rows, int columns) {
        return Nd4j.create(values, new long[] {rows, columns}, DataType.DOUBLE);
    }

    private static INDArray vector(double[] values) {
        return Nd4j.create(values, new long[] {values.length}, DataType.DOUBLE);
    }
}
