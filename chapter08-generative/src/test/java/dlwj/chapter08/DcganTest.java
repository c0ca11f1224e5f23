package dlwj.chapter08;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import dlwj.training.LayerChoice;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The GAN of section 8.5: its networks, the frozen discriminator, and the loop on a small CIFAR-10 archive. */
class DcganTest {

    @TempDir
    Path dir;

    @Test
    void theNetworksHaveTheNotebooksParameters() {
        MultiLayerNetwork discriminator = Dcgan.discriminator(3, 1);
        MultiLayerNetwork gan = Dcgan.gan(3, LayerChoice.KERAS, 1);

        assertEquals(790_913, discriminator.numParams(), "the notebook's discriminator");
        assertEquals(6_264_579 + 790_913, gan.numParams(), "the notebook's generator, then the discriminator");
        INDArray pictures = Dcgan.generate(gan, Nd4j.randn(DataType.FLOAT, 2, Dcgan.LATENT_DIM));
        assertArrayEquals(new long[] {2, 3, 32, 32}, pictures.shape());
        assertTrue(pictures.amaxNumber().doubleValue() <= 1, "tanh");
    }

    /** The adversarial step moves the generator only; the discriminator's own step moves the discriminator. */
    @Test
    void theDiscriminatorIsFrozenInTheAdversarialStepAndTrainsInItsOwn() {
        MultiLayerNetwork discriminator = Dcgan.discriminator(1, 1);
        MultiLayerNetwork gan = Dcgan.gan(1, LayerChoice.KERAS, 2);
        Dcgan.copyDiscriminatorInto(gan, discriminator);
        Nd4j.getRandom().setSeed(3);
        INDArray latent = Nd4j.randn(DataType.FLOAT, 2, Dcgan.LATENT_DIM);
        long generatorParams = gan.numParams() - discriminator.numParams();
        INDArray generatorBefore = gan.params().get(NDArrayIndex.interval(0, generatorParams)).dup();
        INDArray frozenBefore = gan.params().get(NDArrayIndex.interval(generatorParams, gan.numParams())).dup();

        gan.fit(latent, Nd4j.zeros(DataType.FLOAT, 2, 1));

        assertEquals(frozenBefore, gan.params().get(NDArrayIndex.interval(generatorParams, gan.numParams())));
        assertEquals(frozenBefore, discriminator.params());
        assertNotEquals(generatorBefore, gan.params().get(NDArrayIndex.interval(0, generatorParams)));

        INDArray pictures = Nd4j.concat(0, Dcgan.generate(gan, latent), Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32));
        discriminator.fit(pictures, Nd4j.createFromArray(new float[][] {{1}, {1}, {0}, {0}}));

        assertNotEquals(frozenBefore, discriminator.params());
        Dcgan.copyDiscriminatorInto(gan, discriminator);
        assertEquals(discriminator.params(), gan.params().get(NDArrayIndex.interval(generatorParams, gan.numParams())));
    }

    @Test
    void theLoopRunsOnCifarFrogsAndSavesWhatTheNotebookSaves() throws Exception {
        Path cifar = Fixtures.write(dir.resolve("cifar.tar.gz"), Fixtures.cifar10TarGz(10, 2));
        Path out = dir.resolve("out");

        ExampleRun run = ExampleRun.of(new Dcgan(), "--quick", "--local-file", "cifar-10-python.tar.gz=" + cifar,
                "--cache-dir", dir.toString(), "--batch-size", "4", "--iterations", "3", "--out", out.toString());

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("discriminator loss at step 2: "), run.output());
        assertTrue(run.output().contains("adversarial loss at step 2: "), run.output());
        List<Double> losses = run.results("discriminator_and_adversarial_loss_last_100");
        assertTrue(losses.get(0) > 0 && losses.get(0) < 5 && losses.get(1) > 0 && losses.get(1) < 5, losses.toString());
        BufferedImage generated = ImageIO.read(out.resolve("generated_frog2.png").toFile());
        assertArrayEquals(new int[] {32, 32}, new int[] {generated.getWidth(), generated.getHeight()});
        assertTrue(out.resolve("real_frog0.png").toFile().isFile());
        assertTrue(out.resolve("frog-gan-losses.png").toFile().isFile());
        assertTrue(out.resolve("generated-frogs.png").toFile().isFile());
        assertTrue(out.resolve("gan.zip").toFile().isFile(), "the notebook saves the GAN's weights");
    }

    @Test
    void anUnknownDataSetOrNoIterationsIsAUsageError() {
        assertEquals(2, ExampleRun.of(new Dcgan(), "--data", "cifar100", "--out", dir.toString()).status());
        assertEquals(2, ExampleRun.of(new Dcgan(), "--iterations", "0", "--out", dir.toString()).status());
    }
}
