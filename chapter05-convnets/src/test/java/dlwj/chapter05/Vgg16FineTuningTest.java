package dlwj.chapter05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both phases in --quick mode on fixture pictures, with the small VGG-like weights file standing for VGG16's. */
class Vgg16FineTuningTest {

    @TempDir
    Path dir;

    @Test
    void trainsWithTheBaseFrozenThenFineTunesItsLastBlock() throws Exception {
        Fixtures.write(dir.resolve("cats_and_dogs_filtered.zip"), Fixtures.catsAndDogsZip(1000, 500));
        Path weights = VggLikeWeights.copyTo(dir);

        ExampleRun run = ExampleRun.of(new Vgg16FineTuning(), "--quick", "--weights", weights.toString(),
                "--local-file", dir.resolve("cats_and_dogs_filtered.zip").toString(), "--cache-dir",
                dir.resolve("cache").toString(), "--out", dir.resolve("out").toString(), "--epochs", "2",
                "--fine-tune-epochs", "1", "--batch-size", "8");

        assertEquals(0, run.status(), run.output());
        // frozen: the whole base (482 parameters); fine-tuning: its last block trains, block 1 (260) stays frozen
        assertTrue(run.output().contains("Non-trainable params: 482"), run.output());
        assertTrue(run.output().contains("Non-trainable params: 260"), run.output());
        // Keras' len(model.trainable_weights): three convolutions and two dense layers, a kernel and a bias each
        assertTrue(run.output().contains("trainable weights before freezing the conv base: 10"), run.output());
        assertTrue(run.output().contains("trainable weights after freezing the conv base: 4"), run.output());
        assertTrue(run.output().contains("Trainable weights with block2_* unfrozen: 6"), run.output());
        assertTrue(Files.exists(dir.resolve("out/cats_and_dogs_small_3.zip")));
        assertTrue(Files.exists(dir.resolve("out/vgg16-fine-tuned-accuracy.png")), "the raw curves, figure 5.20");
        assertEquals(3, run.output().lines().filter(l -> l.startsWith("Epoch ")).count(), run.output());
        assertTrue(Files.exists(dir.resolve("out/vgg16-fine-tuned-smoothed-accuracy.png")));
        assertTrue(Files.exists(dir.resolve("out/cats_and_dogs_small_4.zip")));
        assertTrue(run.output().contains("No test pictures in cats_and_dogs_filtered"), run.output());
    }

    @Test
    void bothPhasesResumeFromTheirCheckpoints() throws Exception {
        Fixtures.write(dir.resolve("cats_and_dogs_filtered.zip"), Fixtures.catsAndDogsZip(1000, 500));
        String[] common = {"--quick", "--weights", VggLikeWeights.copyTo(dir).toString(),
            "--local-file", dir.resolve("cats_and_dogs_filtered.zip").toString(), "--cache-dir",
            dir.resolve("cache").toString(), "--out", dir.resolve("out").toString(), "--batch-size", "8"};
        ExampleRun first = ExampleRun.of(new Vgg16FineTuning(), common, "--epochs", "1", "--fine-tune-epochs", "1");
        assertEquals(0, first.status(), first.output());
        assertTrue(Files.exists(dir.resolve("out/cats_and_dogs_small_3.checkpoint.zip")));
        assertTrue(Files.exists(dir.resolve("out/cats_and_dogs_small_4.checkpoint.zip")));

        ExampleRun resumed = ExampleRun.of(new Vgg16FineTuning(), common, "--epochs", "2", "--fine-tune-epochs", "2",
                "--resume");

        assertEquals(0, resumed.status(), resumed.output());
        assertEquals(2, resumed.output().lines().filter(l -> l.startsWith("Resuming after epoch 1")).count(),
                "the frozen phase, then fine-tuning\n" + resumed.output());
        assertEquals(2, resumed.output().lines().filter(l -> l.startsWith("Epoch 2/2")).count(), resumed.output());
        assertEquals(0, resumed.output().lines().filter(l -> l.startsWith("Epoch 1/2")).count(), resumed.output());
    }
}
