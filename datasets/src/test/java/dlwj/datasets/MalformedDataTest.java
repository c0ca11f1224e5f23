package dlwj.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.DatasetUnavailableException;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.formats.Idx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged data files as a user meets them: through a dataset's {@code loadData}, a word or class index,
 * a {@code --local-file} or the cache. Each is one message naming the file and the problem.
 */
class MalformedDataTest {

    private static final int[][] REVIEWS = {{1, 2, 3}, {4, 5}, {6}};

    @TempDir
    Path home;
    @TempDir
    Path mirror;

    private DataSource source() {
        return Fixtures.offlineSource(home, mirror);
    }

    static Stream<Arguments> malformedImdb() {
        return Stream.of(
                Arguments.of("float labels", Fixtures.npyObjectSequences(REVIEWS),
                        Fixtures.npyFloat64(new long[] {3}, 1, 0, 1),
                        "imdb.npz: y_train.npy holds float64 values, expected integers"),
                Arguments.of("fewer labels than sequences", Fixtures.npyObjectSequences(REVIEWS), Fixtures.npyInt64(1, 0),
                        "imdb.npz: y_train.npy has 2 rows but imdb.npz: x_train.npy has 3: there must be one for each "
                                + "sample"),
                Arguments.of("a negative label", Fixtures.npyObjectSequences(REVIEWS), Fixtures.npyInt64(1, -1, 0),
                        "imdb.npz: y_train.npy holds the label -1 at position 1; labels are class numbers from 0"),
                Arguments.of("labels of empty shape", Fixtures.npyObjectSequences(REVIEWS),
                        Fixtures.npy("<i8", new long[0], new byte[8]),
                        "imdb.npz: y_train.npy has shape (), expected a 1-dimensional array"),
                Arguments.of("strings for sequences", Fixtures.npyObjectArray(new int[] {1}, "abc", new int[] {2}),
                        Fixtures.npyInt64(1, 0, 1),
                        "imdb.npz: x_train.npy element 1 is the string 'abc', not a list of word indices"),
                Arguments.of("None for a sequence", Fixtures.npyObjectArray(new int[] {1}, new int[] {2}, null),
                        Fixtures.npyInt64(1, 0, 1), "imdb.npz: x_train.npy element 2 is None"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedImdb")
    void imdbWithMalformedArraysIsOneMessage(String variant, byte[] xTrain, byte[] yTrain, String problem)
            throws Exception {
        Path file = Fixtures.write(mirror.resolve("imdb.npz"), Fixtures.npz(Fixtures.arrays(
                "x_train", xTrain, "y_train", yTrain,
                "x_test", Fixtures.npyObjectSequences(REVIEWS), "y_test", Fixtures.npyInt64(0, 1, 1))));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> Imdb.loadData(TextOptions.defaults(), source().withLocalFile("imdb.npz", file)));

        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getCause() instanceof InvalidDataFileException, String.valueOf(e.getCause()));
    }

    @Test
    void localNpzWhoseHeaderClaimsMoreThanItHoldsIsRejectedByItsCheck() throws Exception {
        byte[] huge = Fixtures.npy("<i8", new long[] {268_435_456}, new byte[1024]);
        Path file = Fixtures.write(mirror.resolve("imdb.npz"), Fixtures.npz(Fixtures.arrays(
                "x_train", huge, "y_train", Fixtures.npyInt64(1), "x_test", huge, "y_test", Fixtures.npyInt64(1))));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> Imdb.loadData(TextOptions.defaults(), source().withLocalFile("imdb.npz", file)));

        assertTrue(e.getMessage().contains("is not a valid imdb.npz: imdb.npz: x_train.npy claims 268,435,456 "
                + "elements of 8 bytes but holds 1,024 bytes"), e.getMessage());
    }

    @Test
    void bostonHousingWithTooFewColumnsSaysSo() throws Exception {
        Path file = Fixtures.write(mirror.resolve("boston_housing.npz"), Fixtures.npz(Fixtures.arrays(
                "x", Fixtures.npyFloat64(new long[] {2, 12}, new double[24]),
                "y", Fixtures.npyFloat64(new long[] {2}, 1, 2))));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> BostonHousing.loadData(0.2, 113, source().withLocalFile("boston_housing.npz", file)));

        assertTrue(e.getMessage().contains("boston_housing.npz: x.npy has 12 columns, expected the 13 features"),
                e.getMessage());
    }

    @Test
    void mnistWithFlatImagesSaysSo() throws Exception {
        Path file = Fixtures.write(mirror.resolve("mnist.npz"), Fixtures.npz(Fixtures.arrays(
                "x_train", Fixtures.npyUint8(new long[] {2, 784}, new byte[2 * 784]),
                "y_train", Fixtures.npyUint8(new long[] {2}, new byte[2]),
                "x_test", Fixtures.npyUint8(new long[] {1, 28, 28}, new byte[784]),
                "y_test", Fixtures.npyUint8(new long[] {1}, new byte[1]))));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> Mnist.loadData(source().withLocalFile("mnist.npz", file)));

        assertTrue(e.getMessage().contains("mnist.npz: x_train.npy has shape (2, 784), expected a 3-dimensional array"),
                e.getMessage());
    }

    @Test
    void npzWithAFlippedByteIsRefusedByItsEntrysCrc() throws Exception {
        byte[] npz = Fixtures.storedZip(Map.of("x.npy", Fixtures.npyFloat64(new long[] {3, 13}, new double[3 * 13]),
                "y.npy", Fixtures.npyFloat64(new long[] {3}, 1, 2, 3)));
        npz[indexOf(npz, new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F}) + 7] ^= 0x01; // 1.0 becomes another number
        Path file = Fixtures.write(mirror.resolve("boston_housing.npz"), npz);

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> BostonHousing.loadData(0.2, 113, source().withLocalFile("boston_housing.npz", file)));

        assertTrue(e.getMessage().contains("boston_housing.npz is damaged: its entry y.npy has CRC-32"), e.getMessage());
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void cachedIdxFileThatIsTruncatedIsFetchedAgain() throws Exception {
        byte[] labels = new byte[10_000];
        labels[9_999] = 7;
        Fixtures.write(mirror.resolve("t10k-labels-idx1-ubyte.gz"), Fixtures.idxGz(labels, 10_000));
        Path cached = source().cachedPath(FashionMnist.TEST_LABELS);
        Fixtures.write(cached, Fixtures.idxGz(Arrays.copyOf(labels, 5_000), 10_000));

        Path file = source().get(FashionMnist.TEST_LABELS);

        assertEquals(cached, file);
        assertEquals(7, Idx.readGzipped(file).bytes()[9_999]);
    }

    static Stream<Arguments> malformedWordIndexes() {
        return Stream.of(
                Arguments.of("{\"the\": 1, \"and\": null}", "the rank of 'and' is null, not a positive integer"),
                Arguments.of("{\"the\": \"abc\"}", "the rank of 'the' is string \"abc\", not a positive integer"),
                Arguments.of("{\"the\": -3}", "the rank of 'the' is number -3, not a positive integer"),
                Arguments.of("{\"the\": 0}", "the rank of 'the' is number 0, not a positive integer"),
                Arguments.of("{\"the\": 1.5}", "the rank of 'the' is number 1.5, not a positive integer"),
                Arguments.of("{\"the\": 99999999999}", "the rank of 'the' is number 99999999999"),
                Arguments.of("{\"the\": [1]}", "the rank of 'the' is array, not a positive integer"),
                Arguments.of("{\"the\": 1e2147483648}", "the rank of 'the' is number 1e2147483648, not a positive integer"),
                Arguments.of("{\"the\": 1e-2147483649}", "the rank of 'the' is number 1e-2147483649, not a positive"),
                Arguments.of("{\"the\": 1e999999999}", "the rank of 'the' is number 1e999999999, not a positive"),
                Arguments.of("[\"the\", \"and\"]", "holds a JSON array, not a word index (a JSON object)"),
                Arguments.of("{}", "holds no words"),
                Arguments.of("{\"the\": 1", "is not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedWordIndexes")
    void malformedWordIndexSaysWhichWord(String json, String problem) throws Exception {
        Path file = Fixtures.write(mirror.resolve("imdb_word_index.json"), json.getBytes(StandardCharsets.UTF_8));

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> WordIndex.read(file));

        assertTrue(e.getMessage().startsWith("imdb_word_index.json"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void localWordIndexWithANullRankIsRejected() throws Exception {
        Path file = Fixtures.write(mirror.resolve("imdb_word_index.json"),
                "{\"the\": 1, \"and\": null}".getBytes(StandardCharsets.UTF_8));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> Imdb.wordIndex(source().withLocalFile("imdb_word_index.json", file)));

        assertTrue(e.getMessage().contains("imdb_word_index.json: the rank of 'and' is null"), e.getMessage());
    }

    static Stream<Arguments> malformedClassIndexes() {
        return Stream.of(
                Arguments.of("{\"0\": null}", "class 0 is null, not a pair [WordNet id, name]"),
                Arguments.of("{\"0\": [\"n01440764\"]}", "class 0 is array, not a pair"),
                Arguments.of("{\"0\": [\"n01440764\", {}]}", "class 0 is array, not a pair"),
                Arguments.of("{\"abc\": [\"n01440764\", \"tench\"]}", "has no class 0: its keys must be the output "
                        + "indexes 0 to 0"),
                Arguments.of("{\"0\": [\"a\", \"b\"], \"2\": [\"c\", \"d\"]}", "has no class 1"),
                Arguments.of("[[\"n01440764\", \"tench\"]]", "holds a JSON array, not a class index"),
                Arguments.of("{}", "holds no classes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedClassIndexes")
    void malformedClassIndexSaysWhichClass(String json, String problem) throws Exception {
        Path file = Fixtures.write(mirror.resolve("imagenet_class_index.json"), json.getBytes(StandardCharsets.UTF_8));

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> ImageNetClasses.read(file));

        assertTrue(e.getMessage().startsWith("imagenet_class_index.json"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
