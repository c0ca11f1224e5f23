package dlwj.datasets.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.Fixtures;
import dlwj.datasets.files.InvalidDataFileException;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file formats, read from files written by numpy itself and by fixtures in the same layouts. */
class FormatsTest {

    @TempDir
    Path dir;

    @Test
    void readsAnNpzWrittenByNumpy() throws Exception {
        Path file = Path.of(FormatsTest.class.getResource("/dlwj/datasets/numpy-object-arrays.npz").toURI());

        Map<String, NpyArray> arrays = Npz.read(file, "x", "y", "f", "u");

        NpyArray x = arrays.get("x");
        assertEquals("object", x.dtype());
        assertArrayEquals(new long[] {3}, x.shape());
        assertArrayEquals(new int[][] {{1, 14, 22}, {1, 194, 1153, 194, 8255}, {1, 300}}, x.intSequences());
        assertEquals("int64", arrays.get("y").dtype());
        assertArrayEquals(new int[] {1, 0, 1}, arrays.get("y").ints());
        assertArrayEquals(new long[] {2, 2}, arrays.get("f").shape());
        assertArrayEquals(new double[] {1.5, -2.25, 3.0, 4.125}, arrays.get("f").doubles());
        assertEquals("uint8", arrays.get("u").dtype());
        assertArrayEquals(new long[] {0, 255, 128, 7}, arrays.get("u").longs());
    }

    @Test
    void readsKerasProtocol2ObjectArrays() throws Exception {
        int[][] sequences = {{1, 2, 2, 8, 43, 10, 447}, {}, {1, 70000, 3}};
        Path file = Fixtures.write(dir.resolve("reuters.npz"), Fixtures.npz(Fixtures.arrays(
                "y", Fixtures.npyInt64(3, 4, 19), "x", Fixtures.npyObjectSequences(sequences))));

        Map<String, NpyArray> arrays = Npz.read(file, "x", "y");

        assertArrayEquals(sequences, arrays.get("x").intSequences());
        assertArrayEquals(new long[] {3, 4, 19}, arrays.get("y").longs());
        assertEquals(List.of("y", "x"), Npz.names(file));
    }

    @Test
    void rejectsWhatIsNotNpy() {
        InvalidDataFileException badMagic = assertThrows(InvalidDataFileException.class,
                () -> Npy.read(new ByteArrayInputStream("not numpy".getBytes()), 9, "a.npy"));
        byte[] full = Fixtures.npyInt64(1, 2, 3);
        InvalidDataFileException truncated = assertThrows(InvalidDataFileException.class,
                () -> Npy.read(new ByteArrayInputStream(Arrays.copyOf(full, full.length - 4)), full.length - 4, "b.npy"));

        assertTrue(badMagic.getMessage().contains("not a .npy"), badMagic.getMessage());
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    }

    @Test
    void npzCheckNamesTheMissingArray() throws Exception {
        Path file = Fixtures.write(dir.resolve("d.npz"), Fixtures.npz(Fixtures.arrays("x", Fixtures.npyInt64(1))));

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> Npz.holding("x", "y").validate(file));

        assertTrue(e.getMessage().contains("no array 'y'"), e.getMessage());
    }

    @Test
    void readsGzippedIdx() throws Exception {
        byte[] pixels = new byte[2 * 3 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 10);
        }
        Path file = Fixtures.write(dir.resolve("images.gz"), Fixtures.idxGz(pixels, 2, 3, 4));

        NpyArray images = Idx.readGzipped(file);

        assertArrayEquals(new long[] {2, 3, 4}, images.shape());
        assertEquals(230, images.longs()[23]);
        Idx.holding(2).validate(file);
        assertThrows(InvalidDataFileException.class, () -> Idx.holding(60_000).validate(file));
    }

    @Test
    void rejectsTruncatedIdx() throws Exception {
        byte[] gz = Fixtures.idxGz(new byte[100], 100);
        Path file = Fixtures.write(dir.resolve("labels.gz"), Arrays.copyOf(gz, gz.length - 10));

        assertThrows(InvalidDataFileException.class, () -> Idx.readGzipped(file));
    }

    @Test
    void readsKerasWeightsFileInTheLayoutOfKerasVgg16Download() throws Exception {
        Path file = Path.of(FormatsTest.class.getResource("/dlwj/datasets/keras-weights.h5").toURI());

        try (KerasWeightsFile weights = KerasWeightsFile.open(file)) {
            assertEquals(List.of("input_1", "block1_conv1", "block1_pool", "block2_conv1"), weights.layerNames());
            List<KerasWeightsFile.Weight> conv = weights.weights("block1_conv1");
            assertEquals("block1_conv1_W_1:0", conv.get(0).name());
            assertEquals("block1_conv1_b_1:0", conv.get(1).name());
            assertArrayEquals(new long[] {3, 3, 3, 4}, conv.get(0).shape());
            int index = ((2 * 3 + 1) * 3 + 2) * 4 + 3; // kernel[2][1][2][3] in (h, w, in, out) C order
            assertEquals(0.001f * index, conv.get(0).values()[index], 1e-7);
            assertArrayEquals(new float[] {0, 0.5f, 1, 1.5f}, conv.get(1).values());
            assertEquals(List.of(), weights.weights("block1_pool"));
            assertArrayEquals(new long[] {3, 3, 4, 2}, weights.weights("block2_conv1").get(0).shape());
        }
        KerasWeightsFile.holding("block1_conv1", "block2_conv1").validate(file);
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> KerasWeightsFile.holding("block5_conv3").validate(file));
        assertTrue(e.getMessage().contains("no layer block5_conv3"), e.getMessage());
    }

    @Test
    void readsKerasWeightsFileInKeras2Layout() throws Exception {
        Path keras1 = Path.of(FormatsTest.class.getResource("/dlwj/datasets/keras-weights.h5").toURI());
        Path keras2 = Path.of(FormatsTest.class.getResource("/dlwj/datasets/keras-weights-keras2.h5").toURI());

        try (KerasWeightsFile weights = KerasWeightsFile.open(keras2);
                KerasWeightsFile same = KerasWeightsFile.open(keras1)) {
            assertEquals(same.layerNames(), weights.layerNames());
            List<KerasWeightsFile.Weight> conv = weights.weights("block2_conv1");
            assertEquals("block2_conv1/kernel:0", conv.get(0).name());
            assertEquals("block2_conv1/bias:0", conv.get(1).name());
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(same.weights("block2_conv1").get(i).shape(), conv.get(i).shape());
                assertArrayEquals(same.weights("block2_conv1").get(i).values(), conv.get(i).values());
            }
        }
        KerasWeightsFile.holding("block1_conv1", "block2_conv1").validate(keras2);
    }

    @Test
    void rejectsWhatIsNotHdf5() throws Exception {
        Path file = Fixtures.write(dir.resolve("weights.h5"), "not hdf5".getBytes());

        assertThrows(InvalidDataFileException.class, () -> KerasWeightsFile.open(file));
    }
}
