package dlwj.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.DatasetUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** CIFAR-10 as Keras' cifar10.load_data gives it, from an archive in the Toronto layout and pickle protocol. */
class Cifar10Test {

    private static final String ARCHIVE = "cifar-10-python.tar.gz";

    @TempDir
    Path home;
    @TempDir
    Path mirror;

    private DataSource source(byte[] archive) throws Exception {
        return Fixtures.givenArchive(home, mirror, ARCHIVE, archive);
    }

    @Test
    void theBatchesAreKerasArraysChannelsLast() throws Exception {
        ImageData data = Cifar10.loadData(source(Fixtures.cifar10TarGz(4, 3)));

        assertArrayEquals(new long[] {20, 32, 32, 3}, data.trainImages().shape());
        assertArrayEquals(new long[] {20, 1}, data.trainLabels().shape());
        assertArrayEquals(new long[] {3, 32, 32, 3}, data.testImages().shape());
        assertArrayEquals(new long[] {3, 1}, data.testLabels().shape());
        assertEquals(DataType.UINT8, data.trainImages().dataType());
        assertEquals(DataType.UINT8, data.testLabels().dataType());
        for (int[] at : new int[][] {{0, 0, 0, 0}, {5, 2, 31, 7}, {19, 1, 13, 30}}) { // sample, channel, row, column
            assertEquals(Fixtures.cifarValue(at[0], at[1], at[2], at[3]),
                    data.trainImages().getInt(at[0], at[2], at[3], at[1]), Arrays.toString(at));
        }
        assertEquals(Fixtures.cifarValue(21, 2, 4, 5), data.testImages().getInt(1, 4, 5, 2));
        assertEquals(7, data.trainLabels().getInt(17, 0));
        assertEquals(2, data.testLabels().getInt(2, 0), "test picture 2 is picture 22 of the set");
        assertTrue(Files.isRegularFile(home.resolve("datasets/cifar-10-batches-py/data_batch_5")),
                "extracted into the cache as Keras' get_file(untar=True)");
    }

    @Test
    void anArchiveWithoutABatchIsOneLine() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("cifar-10-batches-py/data_batch_1", new byte[] {1});

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> Cifar10.loadData(source(Fixtures.tarGz(entries))));

        assertTrue(e.getMessage().contains("has no cifar-10-batches-py/data_batch_2"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aBatchThatIsNotAPickledDictIsOneLineNamingIt() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String batch : new String[] {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4",
                "data_batch_5", "test_batch"}) {
            entries.put("cifar-10-batches-py/" + batch, new byte[] {(byte) 0x80, 2, 'K', 5, '.'}); // the int 5
        }

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> Cifar10.loadData(source(Fixtures.tarGz(entries))));

        assertTrue(e.getMessage().contains("data_batch_1: the pickle holds 5, not a dict"), e.getMessage());
    }
}
