package dlwj.chapter02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the example prints, against numpy's answers for the same expressions. */
class DataRepresentationsTest {

    @TempDir
    Path dir;

    @Test
    void printsWhatNumpyPrints() throws Exception {
        Fixtures.Digits digits = Fixtures.mnistNpz(dir.resolve("mnist.npz"), 600, 10, 7);

        ExampleRun run = ExampleRun.of(new DataRepresentations(), "--local-file", digits.file().toString(),
                "--cache-dir", dir.toString(), "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        // numpy 1.24: ndim, shape, dtype and sum() of the book's tensors
        assertPrinted(run, "np.array(12): ndim=0 shape=() dtype=int64, sum 12");
        assertPrinted(run, "np.array([12, 3, 6, 14]): ndim=1 shape=(4,) dtype=int64, sum 35");
        assertPrinted(run, "]]): ndim=2 shape=(3, 5) dtype=int64, sum 372");
        assertPrinted(run, "np.array([matrix, matrix]): ndim=3 shape=(2, 3, 5) dtype=int64, sum 744");
        assertPrinted(run, "train_images: ndim=3 shape=(600, 28, 28) dtype=uint8");
        assertPrinted(run, "train_labels[4] = " + digits.trainLabels()[4]);

        byte[] pixels = digits.trainImages();
        assertPrinted(run, "train_images[10:100]: ndim=3 shape=(90, 28, 28) dtype=uint8, [0, 0, :] = "
                + row(pixels, 10, 0, 0, 28));
        assertPrinted(run, "train_images[10:100, 0:28, 0:28]: ndim=3 shape=(90, 28, 28) dtype=uint8, [0, 0, :] = "
                + row(pixels, 10, 0, 0, 28));
        assertPrinted(run, "train_images[:, 14:, 14:]: ndim=3 shape=(600, 14, 14) dtype=uint8, [0, 0, :] = "
                + row(pixels, 0, 14, 14, 28));
        assertPrinted(run, "train_images[:, 7:-7, 7:-7]: ndim=3 shape=(600, 14, 14) dtype=uint8, [0, 0, :] = "
                + row(pixels, 0, 7, 7, 21));
        assertPrinted(run, "train_images[128:256]: ndim=3 shape=(128, 28, 28) dtype=uint8, [0, 0, :] = "
                + row(pixels, 128, 0, 0, 28));
        assertPrinted(run, "600 samples make 5 batches of 128 (the last one of 88)");
        assertPrinted(run, "(4, 240, 144, 256, 3)");
        assertPrinted(run, "106,168,320 values,     405.0 MB");
    }

    private static void assertPrinted(ExampleRun run, String expected) {
        assertTrue(run.output().contains(expected), "expected '" + expected + "' in:\n" + run.output());
    }

    /** images[image, row, left:right], read straight from the file's bytes, as numpy prints a list. */
    private static String row(byte[] images, int image, int row, int left, int right) {
        StringBuilder values = new StringBuilder("[");
        for (int column = left; column < right; column++) {
            values.append(column > left ? ", " : "").append(images[image * 784 + row * 28 + column] & 0xFF);
        }
        return values.append(']').toString();
    }
}
