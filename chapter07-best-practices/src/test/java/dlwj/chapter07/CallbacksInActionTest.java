package dlwj.chapter07;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import dlwj.datasets.formats.NpyArray;
import dlwj.datasets.formats.Npz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Section 7.2.1's callbacks on a small, learnable imdb.npz in Keras' layout. */
class CallbacksInActionTest {

    @TempDir
    Path dir;

    @Test
    void theBestModelIsSavedTheRateLoggedAndEachEpochsActivationsWritten() throws Exception {
        Fixtures.imdb(dir, 700, 300, 5);
        Path out = dir.resolve("out");
        ExampleRun run = ExampleRun.of(new CallbacksInAction(), "--quick", "--local-file",
                dir.resolve("imdb.npz").toString(), "--cache-dir", dir.toString(), "--out", out.toString(),
                "--epochs", "3");

        assertEquals(0, run.status(), run.output());
        int epochs = (int) run.result("epochs");
        assertTrue(epochs >= 2 && epochs <= 3, "EarlyStopping(acc, 1) may end the third: " + epochs);
        assertEquals(1e-3, run.result("last_lr"), 1e-9, "ReduceLROnPlateau's patience of 10 is not reached");
        assertTrue(Files.exists(out.resolve("my_model.zip")));
        for (int epoch = 1; epoch <= epochs; epoch++) {
            // np.savez's layout: the input, then each layer's output, for one validation review
            Map<String, NpyArray> activations = Npz.read(out.resolve("activations/activations_at_epoch_" + epoch
                    + ".npz"), "arr_0", "arr_1", "arr_2", "arr_3");
            assertArrayEquals(new long[] {1, 10_000}, activations.get("arr_0").shape());
            assertArrayEquals(new long[] {1, 16}, activations.get("arr_1").shape());
            assertArrayEquals(new long[] {1, 1}, activations.get("arr_3").shape());
        }
    }
}
