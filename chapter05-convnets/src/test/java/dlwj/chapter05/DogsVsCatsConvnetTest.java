package dlwj.chapter05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.cli.StockLayers;
import dlwj.datasets.Fixtures;
import dlwj.training.LayerChoice;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Both variants in --quick mode on a cats_and_dogs_filtered.zip of tiny tinted pictures. */
class DogsVsCatsConvnetTest {

    @TempDir
    Path dir;

    private String[] args(String... more) {
        return ExampleRun.concat(new String[] {"--quick", "--local-file",
            dir.resolve("cats_and_dogs_filtered.zip").toString(), "--cache-dir", dir.resolve("cache").toString(),
            "--out", dir.resolve("out").toString()}, more);
    }

    @BeforeEach
    void writeZip() throws Exception {
        Fixtures.write(dir.resolve("cats_and_dogs_filtered.zip"), Fixtures.catsAndDogsZip(1000, 500));
    }

    @Test
    void trainsSavesPlotsAndCountsTheImages() {
        ExampleRun run = ExampleRun.of(new DogsVsCatsConvnet(), args("--epochs", "3", "--steps-per-epoch", "4"));

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("total train cats images: 1000"), run.output());
        assertTrue(run.output().contains("total validation dogs images: 500"), run.output());
        assertTrue(run.output().contains("Total params: 3,453,121"), run.output());
        assertTrue(run.output().contains("Estimated run time:"), run.output());
        assertTrue(run.output().contains("validation steps of 20 pictures)"), "listing 5.8\n" + run.output());
        assertEquals(3, run.output().lines().filter(l -> l.startsWith("Epoch ")).count(), run.output());
        assertTrue(run.result("highest_val_acc") > 0.6, "red cats and blue dogs are easy\n" + run.output());
        assertTrue(Files.exists(dir.resolve("out/cats_and_dogs_small_1.zip")));
        assertTrue(Files.exists(dir.resolve("out/cats_and_dogs_small_1-accuracy.png")));
    }

    @Test
    void augmentedRunShowsTheAugmentedPicturesAndResumes() throws Exception {
        ExampleRun first = ExampleRun.of(new DogsVsCatsConvnet(), args("--augment", "--epochs", "1",
                "--batch-size", "8"));
        assertEquals(0, first.status(), first.output());
        assertTrue(first.output().contains("Total params: 3,453,121"), "dropout has no parameters\n" + first.output());
        assertTrue(first.output().contains("validation steps of 32 pictures)"), "listing 5.14\n" + first.output());
        BufferedImage grid = ImageIO.read(dir.resolve("out/augmented-pictures.png").toFile());
        assertEquals(4 * 152 + 2, grid.getWidth());

        ExampleRun resumed = ExampleRun.of(new DogsVsCatsConvnet(), args("--augment", "--epochs", "2",
                "--batch-size", "8", "--resume"));
        assertEquals(0, resumed.status(), resumed.output());
        assertTrue(resumed.output().contains("Resuming after epoch 1"), resumed.output());
        assertEquals(1, resumed.output().lines().filter(l -> l.startsWith("Epoch 2/2")).count(), resumed.output());
        assertEquals(0, resumed.output().lines().filter(l -> l.startsWith("Epoch 1/2")).count(), resumed.output());
    }

    @Test
    void theModelIsTheSameWithDl4jsLayers() {
        Nd4j.getRandom().setSeed(10);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 150, 150);
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}});

        StockLayers.assertSameModel(DogsVsCatsConvnet.model(LayerChoice.KERAS, 1, false),
                DogsVsCatsConvnet.model(LayerChoice.DL4J, 1, false), x, y);
    }
}
