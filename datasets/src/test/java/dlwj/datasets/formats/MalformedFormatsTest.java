package dlwj.datasets.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.Fixtures;
import dlwj.datasets.files.InvalidDataFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged files, each built from a valid one: every reader rejects them with one
 * {@link InvalidDataFileException} whose message names the file (and npz entry) and the problem.
 */
class MalformedFormatsTest {

    private static final byte[] VALID = Fixtures.npyInt64(1, 0, 1);

    @TempDir
    Path dir;

    /** The valid array with {@code value} written over its bytes from {@code offset}. */
    private static byte[] patched(int offset, int... value) {
        byte[] npy = VALID.clone();
        for (int i = 0; i < value.length; i++) {
            npy[offset + i] = (byte) value[i];
        }
        return npy;
    }

    private static String header(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    static Stream<Arguments> malformedNpy() {
        byte[] threeLongs = new byte[24];
        return Stream.of(
                Arguments.of("bad magic", patched(1, 'X'), "does not start with numpy's magic string"),
                Arguments.of("unsupported version", patched(6, 9), "format version 9.0"),
                Arguments.of("header length beyond the entry", patched(8, 0x00, 0x10),
                        "header claims 4,096 bytes but the array holds 152 bytes in all"),
                Arguments.of("header length beyond numpy's limit", patched(8, 0xff, 0xff),
                        "header claims 65,535 bytes, more than the 10,000 numpy itself reads"),
                Arguments.of("version 2 header length beyond an int", patched(6, 2, 0, 0xff, 0xff, 0xff, 0xff),
                        "header claims 4,294,967,295 bytes"),
                Arguments.of("header not a dict", Fixtures.npy("[1, 2, 3]", threeLongs), "header is not a Python dict"),
                Arguments.of("shape (abc,)", Fixtures.npy(header("<i8", "(abc,)"), threeLongs),
                        "shape (abc,) is not a tuple of non-negative integers"),
                Arguments.of("no shape", Fixtures.npy("{'descr': '<i8', 'fortran_order': False, }", threeLongs),
                        "header has no valid 'shape'"),
                Arguments.of("negative shape", Fixtures.npy(header("<i8", "(-3,)"), threeLongs),
                        "shape (-3,) is not a tuple of non-negative integers"),
                Arguments.of("overflowing shape", Fixtures.npy(header("<i8", "(4294967296, 4294967296)"), threeLongs),
                        "has more elements than any file can hold"),
                Arguments.of("unsupported dtype", Fixtures.npy(header("<c16", "(3,)"), threeLongs),
                        "has dtype '<c16', which this reader does not support"),
                Arguments.of("empty dtype", Fixtures.npy(header("", "(3,)"), threeLongs), "has dtype ''"),
                Arguments.of("big-endian", Fixtures.npy(header(">i8", "(3,)"), threeLongs), "is big-endian"),
                Arguments.of("Fortran order", Fixtures.npy("{'descr': '<i8', 'fortran_order': True, 'shape': (3,), }",
                        threeLongs), "is in Fortran order"),
                Arguments.of("more elements than bytes", Fixtures.npy(header("<i8", "(4,)"), threeLongs),
                        "claims 4 elements of 8 bytes but holds 24 bytes (truncated or damaged file)"),
                Arguments.of("truncated data", Arrays.copyOf(VALID, VALID.length - 5),
                        "claims 3 elements of 8 bytes but holds 19 bytes"),
                Arguments.of("object array whose pickle is not one", Fixtures.npy(header("|O", "(3,)"), threeLongs),
                        "x_train.npy: "),
                Arguments.of("object array of another length than the header's", Fixtures.npy(header("|O", "(5,)"),
                        objectPickle(Fixtures.npyObjectSequences(new int[][] {{1}, {2}, {3}}))),
                        "the pickled array has shape [3] and 3 elements, the header says [5]"),
                Arguments.of("pickled string claiming 2 GB", Fixtures.npy(header("|O", "(1,)"),
                        new byte[] {(byte) 0x80, 2, 'X', (byte) 0xf0, (byte) 0xff, (byte) 0xff, 0x7f, 'a', '.'}),
                        "an item claims 2147483632 bytes but the whole pickle has 9"));
    }

    /** The pickle inside an object array's .npy, to put under another header. */
    private static byte[] objectPickle(byte[] npy) {
        int dataOffset = 10 + ((npy[8] & 0xff) | (npy[9] & 0xff) << 8);
        return Arrays.copyOfRange(npy, dataOffset, npy.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedNpy")
    void npzEntryIsRejectedSayingWhatIsWrong(String variant, byte[] npy, String problem) throws Exception {
        Path file = Fixtures.write(dir.resolve("imdb.npz"), Fixtures.npz(Fixtures.arrays("x_train", npy)));

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> Npz.read(file, "x_train"));

        assertTrue(e.getMessage().startsWith("imdb.npz: x_train.npy"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void headerClaimingMoreThanTheEntryHoldsFailsBeforeAllocating() throws Exception {
        // 268,435,456 int64 elements (2 GiB) in a 2 MiB entry: the header check compares the claim with the
        // entry's size before any array is allocated, so this fails at once instead of exhausting the heap.
        byte[] npy = Fixtures.npy(header("<i8", "(268435456,)"), new byte[2 * 1024 * 1024]);
        Path file = Fixtures.write(dir.resolve("imdb.npz"), Fixtures.storedZip(Fixtures.arrays("x_train.npy", npy)));

        InvalidDataFileException read = assertThrows(InvalidDataFileException.class, () -> Npz.read(file, "x_train"));
        InvalidDataFileException check = assertThrows(InvalidDataFileException.class,
                () -> Npz.holding("x_train").validate(file));

        String expected = "imdb.npz: x_train.npy claims 268,435,456 elements of 8 bytes but holds 2,097,152 bytes "
                + "(truncated or damaged file)";
        assertEquals(expected, read.getMessage());
        assertEquals(expected, check.getMessage());
    }

    @Test
    void streamEndingBeforeItsDeclaredLengthIsTruncated() {
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> Npy.read(new ByteArrayInputStream(Arrays.copyOf(VALID, VALID.length - 8)), VALID.length, "y.npy"));

        assertEquals("y.npy is truncated: it ends after 16 bytes of its 24 bytes of data", e.getMessage());
    }

    static Stream<Arguments> malformedSequences() {
        return Stream.of(
                Arguments.of("a string", new Object[] {new int[] {1}, "abc"}, "element 1 is the string 'abc', not a list"),
                Arguments.of("None", new Object[] {new int[] {1}, null}, "element 1 is None, not a list"),
                Arguments.of("a float", new Object[] {1.5}, "element 0 is the float 1.5, not a list"),
                Arguments.of("a dict", new Object[] {Map.of()}, "element 0 is a dict, not a list"),
                Arguments.of("an int", new Object[] {7}, "element 0 is 7, not a list"),
                Arguments.of("a list holding a string", new Object[] {List.of(1, "abc")},
                        "element 0 holds the string 'abc' at position 1, not a word index"),
                Arguments.of("a list holding a float", new Object[] {List.of(1, 2.5)},
                        "element 0 holds the float 2.5 at position 1, not a word index"),
                Arguments.of("a list holding None", new Object[] {Arrays.asList(1, null)},
                        "element 0 holds None at position 1"),
                Arguments.of("a negative word index", new Object[] {new int[] {1, -3}},
                        "element 0 holds -3 at position 1, not a word index (a non-negative int)"));
    }

    @ParameterizedTest(name = "an element that is {0}")
    @MethodSource("malformedSequences")
    void objectArrayElementsMustBeListsOfWordIndices(String variant, Object[] elements, String problem) throws Exception {
        Path file = Fixtures.write(dir.resolve("reuters.npz"),
                Fixtures.npz(Fixtures.arrays("x", Fixtures.npyObjectArray(elements))));
        NpyArray x = Npz.read(file, "x").get("x");

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, x::intSequences);

        assertTrue(e.getMessage().startsWith("reuters.npz: x.npy element"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void accessorsNameTheArrayAndWhatItHolds() throws Exception {
        Path file = Fixtures.write(dir.resolve("boston_housing.npz"), Fixtures.npz(Fixtures.arrays(
                "y", Fixtures.npyFloat64(new long[] {2}, 1.5, 2.5), "x", Fixtures.npyInt64(1, 2))));
        Map<String, NpyArray> arrays = Npz.read(file, "x", "y");

        InvalidDataFileException floatLabels = assertThrows(InvalidDataFileException.class, arrays.get("y")::ints);
        InvalidDataFileException intFeatures = assertThrows(InvalidDataFileException.class, arrays.get("x")::doubles);
        InvalidDataFileException notObjects = assertThrows(InvalidDataFileException.class, arrays.get("x")::intSequences);

        assertEquals("boston_housing.npz: y.npy holds float64 values, expected integers", floatLabels.getMessage());
        assertEquals("boston_housing.npz: x.npy holds int64 values, expected float64", intFeatures.getMessage());
        assertEquals("boston_housing.npz: x.npy holds int64 values, expected object", notObjects.getMessage());
    }

    @Test
    void damagedZipEntryNamesTheEntry() throws Exception {
        byte[] npz = Fixtures.npz(Fixtures.arrays("x", Fixtures.npyInt64(new long[500])));
        int data = indexOf(npz, "x.npy".getBytes(StandardCharsets.US_ASCII), 0) + 5 + 20; // inside the deflated data
        for (int i = data; i < data + 8; i++) {
            npz[i] ^= 0x5a;
        }
        Path file = Fixtures.write(dir.resolve("d.npz"), npz);

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> Npz.read(file, "x"));

        assertTrue(e.getMessage().startsWith("d.npz is damaged: its entry x.npy "), e.getMessage());
    }

    @Test
    void npzEntryClaimingToInflateFarBeyondItsBytesIsRefusedBeforeItIsRead() throws Exception {
        byte[] npz = Fixtures.npz(Fixtures.arrays("x", Fixtures.npyInt64(1, 2, 3)));
        int directory = indexOf(npz, new byte[] {'P', 'K', 1, 2}, 0);
        ByteBuffer.wrap(npz, directory + 24, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(500_000_000); // its size
        Path file = Fixtures.write(dir.resolve("bomb.npz"), npz);

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> Npz.read(file, "x"));

        assertTrue(e.getMessage().matches("bomb\\.npz: x\\.npy claims 500,000,000 bytes compressed into \\d+, more than "
                + "100 times smaller \\(damaged file\\)"), e.getMessage());
    }

    static Stream<Arguments> malformedIdx() throws Exception {
        return Stream.of(
                Arguments.of("bad magic", gzip(new byte[] {0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0}),
                        "is not an IDX file of unsigned bytes (magic 0xd01)"),
                Arguments.of("dimensions beyond a Java array", Fixtures.idxGz(new byte[4], 60_000, 60_000, 60_000),
                        "declare more bytes than one Java array can hold"),
                Arguments.of("dimensions far beyond its bytes", Fixtures.idxGz(new byte[50], 3000, 28, 28),
                        "'s dimensions [3000, 28, 28] declare 2,352,000 bytes, more than 100 times its "),
                Arguments.of("fewer bytes than its dimensions", Fixtures.idxGz(new byte[50], 100),
                        "is truncated: its dimensions [100] declare 100 bytes but it holds 50"),
                Arguments.of("header cut short", gzip(new byte[] {0, 0, 8, 3, 0, 0}), "is truncated"),
                Arguments.of("not gzip", "not gzip at all".getBytes(StandardCharsets.US_ASCII), "is not valid gzip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedIdx")
    void idxIsRejectedSayingWhatIsWrong(String variant, byte[] gz, String problem) throws Exception {
        Path file = Fixtures.write(dir.resolve("train-labels-idx1-ubyte.gz"), gz);

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> Idx.readGzipped(file));

        assertTrue(e.getMessage().startsWith("train-labels-idx1-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private static byte[] gzip(byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found: " + new String(needle, StandardCharsets.ISO_8859_1));
    }

    /** The test fixture of Keras' weights with the first {@code old} after {@code after} replaced by {@code replacement}. */
    private Path kerasWeightsWith(String after, String old, String replacement) throws Exception {
        byte[] h5 = Files.readAllBytes(Path.of(MalformedFormatsTest.class.getResource(
                "/dlwj/datasets/keras-weights.h5").toURI()));
        int at = indexOf(h5, old.getBytes(StandardCharsets.US_ASCII),
                indexOf(h5, after.getBytes(StandardCharsets.US_ASCII), 0));
        byte[] bytes = replacement.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h5, at, bytes.length);
        return Fixtures.write(dir.resolve("vgg16.h5"), h5);
    }

    @Test
    void weightsFileListingALayerItDoesNotHoldIsRefused() throws Exception {
        // layer_names holds input_1, block1_conv1, block1_pool, block2_conv1 as fixed-length strings: rename the last
        Path file = kerasWeightsWith("layer_names", "block2_conv1", "block9_conv1");

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> KerasWeightsFile.holding("block9_conv1").validate(file));

        assertEquals("vgg16.h5 has no layer group block9_conv1", e.getMessage());
    }

    @Test
    void weightsFileListingAWeightItDoesNotHoldNamesTheLayer() throws Exception {
        // the first block2_conv1_W_1:0 in the file is the dataset's link: renamed, weight_names lists what is not there
        Path file = kerasWeightsWith("block2_conv1_W_1:0", "W_1:0", "W_9:0");

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> KerasWeightsFile.holding("block2_conv1").validate(file));

        assertEquals("vgg16.h5: layer block2_conv1 lists the weight block2_conv1_W_1:0, which is not a dataset "
                + "in the file", e.getMessage());
    }

    @Test
    void weightsFileCheckWantsAKernelAndABiasForEachLayerAsked() throws Exception {
        Path file = Path.of(MalformedFormatsTest.class.getResource("/dlwj/datasets/keras-weights.h5").toURI());

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> KerasWeightsFile.holding("block1_conv1", "block1_pool").validate(file));

        assertEquals("keras-weights.h5: layer block1_pool has weights of shapes [], expected a kernel (2 or 4 "
                + "dimensions) and a bias as long as the kernel's last dimension", e.getMessage());
    }

    @Test
    void weightsThatAreNotNumbersAreRefusedNamingTheWeight() throws Exception {
        Path file = Fixtures.withOneWeightReplaced(Path.of(MalformedFormatsTest.class.getResource(
                "/dlwj/datasets/keras-weights.h5").toURI()), "block1_conv1", Float.NaN, dir.resolve("vgg16.h5"));

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> {
            try (KerasWeightsFile weights = KerasWeightsFile.open(file)) {
                weights.weights("block1_conv1");
            }
        });

        assertTrue(e.getMessage().matches("vgg16\\.h5: block1_conv1/block1_conv1_W_1:0 holds NaN at index \\d+, not a "
                + "trained weight \\(damaged file\\)"), e.getMessage());
    }

    @Test
    void truncatedWeightsFileNamesTheLayer() throws Exception {
        byte[] h5 = Files.readAllBytes(Path.of(MalformedFormatsTest.class.getResource(
                "/dlwj/datasets/keras-weights.h5").toURI()));
        Path file = Fixtures.write(dir.resolve("vgg16.h5"), Arrays.copyOf(h5, 7_000));

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> {
            try (KerasWeightsFile weights = KerasWeightsFile.open(file)) {
                weights.weights("block2_conv1");
            }
        });

        assertTrue(e.getMessage().startsWith("vgg16.h5: "), e.getMessage());
        assertTrue(e.getMessage().contains("layer block2_conv1 cannot be read: the file is truncated or damaged"),
                e.getMessage());
    }
}
