package dlwj.chapter08;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import dlwj.training.LayerChoice;
import dlwj.training.ModelSummary;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The VAE of section 8.4: its sampling, its KL term, its gradients, and the example on a small mnist.npz. */
class ConvolutionalVaeTest {

    @TempDir
    Path dir;

    @Test
    void theModelHasTheNotebooksParameters() {
        ComputationGraph vae = ConvolutionalVae.vae(LayerChoice.KERAS, 1);

        String summary = ModelSummary.of(vae, ConvolutionalVae.IMG_SHAPE);

        assertTrue(summary.contains("Total params: 550,629"), "the notebook's count\n" + summary);
        assertTrue(summary.contains("(Conv2DTranspose)"), summary);
        assertTrue(summary.contains("reconstruction (LossLayer)   (None, 784)"), summary);
        assertEquals(56_385, ConvolutionalVae.decoderOf(vae, LayerChoice.KERAS).numParams(), "the decoder's count");
    }

    @Test
    void theSamplingIsTheBooksExpOfTheLogVarianceTimesANormalDraw() {
        int samples = 40_000;
        ComputationGraph graph = ConvolutionalVae.vae(LayerChoice.KERAS, 1);
        LatentSamplingImpl sampling = (LatentSamplingImpl) graph.getVertex("z");
        INDArray mean = Nd4j.zeros(DataType.FLOAT, samples, 2).addi(Nd4j.createFromArray(1f, -3f));
        INDArray logVar = Nd4j.zeros(DataType.FLOAT, samples, 2).addi(Nd4j.createFromArray((float) Math.log(2), 0f));
        sampling.setInputs(new INDArray[] {mean, logVar});

        INDArray z = sampling.doForward(false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());

        INDArray average = z.mean(0);
        INDArray spread = z.std(0);
        assertEquals(1, average.getDouble(0), 0.05);
        assertEquals(-3, average.getDouble(1), 0.05);
        assertEquals(2, spread.getDouble(0), 0.05, "exp(log 2) = 2, not exp(log 2 / 2) = 1.41");
        assertEquals(1, spread.getDouble(1), 0.05);
    }

    @Test
    void theKlTermIsTheNotebooksFormula() {
        INDArray params = Nd4j.createFromArray(new double[][] {{0.5, -1, 0.2, -0.4}, {0, 0, 0, 0}});
        KlDivergenceLoss loss = new KlDivergenceLoss(5e-4);

        INDArray perSample = loss.computeScoreArray(null, params, new ActivationIdentity(), null);

        double first = -5e-4 * ((1 + 0.2 - 0.25 - Math.exp(0.2)) + (1 - 0.4 - 1 - Math.exp(-0.4))) / 2;
        assertEquals(first, perSample.getDouble(0, 0), 1e-12);
        assertEquals(0, perSample.getDouble(1, 0), 1e-12, "the standard normal itself costs nothing");
        assertEquals(first / 2, loss.computeScore(null, params, new ActivationIdentity(), null, true), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> loss.computeScoreArray(null,
                Nd4j.zeros(DataType.DOUBLE, 2, 3), new ActivationIdentity(), null));
    }

    /**
     * The whole VAE's backpropagation (sampling vertex, KL loss, Keras' pixel cross-entropy, the convolutions) against
     * central finite differences of its loss, in double precision, the same normal draws for each evaluation.
     */
    @Test
    void theGradientsAreTheLossSlopes() {
        ComputationGraph vae = ConvolutionalVae.vae(LayerChoice.KERAS, 3).convertDataType(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 1, 28, 28);
        vae.setInputs(x);
        vae.setLabels(ConvolutionalVae.targets(x));
        Nd4j.getRandom().setSeed(11);
        vae.computeGradientAndScore();
        INDArray gradient = vae.gradient().gradient().dup();
        INDArray params = vae.params();

        Random pick = new Random(1);
        int checked = 0;
        for (String layer : List.of("conv2d_1", "conv2d_2", "conv2d_4", "dense_1", "z_mean", "z_log_var", "dense_4",
                "conv2d_transpose_1", "conv2d_5")) {
            INDArray layerParams = vae.getLayer(layer).params();
            for (int k = 0; k < 3; k++) {
                long index = layerParams.offset() - params.offset() + pick.nextInt((int) layerParams.length());
                double original = params.getDouble(index);
                double h = 1e-6;
                params.putScalar(index, original + h);
                double plus = score(vae);
                params.putScalar(index, original - h);
                double minus = score(vae);
                params.putScalar(index, original);
                double slope = (plus - minus) / (2 * h);
                double analytic = gradient.getDouble(index) / x.size(0); // DL4J's updater divides by the batch
                assertEquals(slope, analytic, 1e-6 + 1e-4 * Math.abs(slope), layer + " parameter " + index);
                checked++;
            }
        }
        assertEquals(27, checked);
    }

    /** {@code --layers dl4j}: DL4J's DenseLayer and Deconvolution2D, given the same weights, compute the same. */
    @Test
    void theStockDl4jTwinComputesTheSameLossAndGradients() {
        ComputationGraph keras = ConvolutionalVae.vae(LayerChoice.KERAS, 3);
        ComputationGraph dl4j = ConvolutionalVae.vae(LayerChoice.DL4J, 3);
        dl4j.setParams(keras.params());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);

        for (ComputationGraph vae : List.of(keras, dl4j)) {
            vae.setInputs(x);
            vae.setLabels(ConvolutionalVae.targets(x));
            score(vae);
        }

        assertEquals(keras.score(), dl4j.score(), 1e-6);
        assertArrayEquals(keras.gradient().gradient().toFloatVector(), dl4j.gradient().gradient().toFloatVector(),
                1e-5f);
    }

    private static double score(ComputationGraph vae) {
        Nd4j.getRandom().setSeed(11);
        vae.computeGradientAndScore();
        return vae.score();
    }

    @Test
    void theExampleTrainsGoesOnFromItsCheckpointAndDrawsTheLatentPlane() throws Exception {
        Path mnist = Fixtures.mnistNpz(dir.resolve("mnist.npz"), 600, 100, 3).file();
        Path out = dir.resolve("out");

        String[] common = {"--quick", "--local-file", mnist.toString(), "--cache-dir", dir.toString(),
                "--out", out.toString()};

        ExampleRun first = ExampleRun.of(new ConvolutionalVae(), common, "--epochs", "1");
        ExampleRun run = ExampleRun.of(new ConvolutionalVae(), common, "--epochs", "2", "--resume");

        assertEquals(0, first.status(), first.output());
        assertEquals(0, run.status(), run.output());
        assertEquals(first.results("loss_and_val_loss_epoch_1"), run.results("loss_and_val_loss_epoch_1"),
                "the second run went on from the first one's checkpoint");
        assertTrue(run.output().contains("Total params: 550,629"), run.output());
        List<Double> epoch1 = run.results("loss_and_val_loss_epoch_1");
        List<Double> second = run.results("loss_and_val_loss_epoch_2");
        assertTrue(second.get(0) < epoch1.get(0), "the loss falls: " + epoch1 + " then " + second);
        assertTrue(second.get(1) < Math.log(2), "below a constant 0.5 for every pixel: " + second);
        BufferedImage figure = ImageIO.read(out.resolve("latent-space-digits.png").toFile());
        assertArrayEquals(new int[] {15 * 28, 15 * 28}, new int[] {figure.getWidth(), figure.getHeight()});
    }
}
