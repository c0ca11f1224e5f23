package dlwj.chapter02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import dlwj.training.Labels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientDescentByHandTest {

    @TempDir
    Path dir;

    @Test
    void handWrittenGradientsEqualDl4js() {
        Nd4j.getRandom().setSeed(11);
        TwoLayerNetwork network = TwoLayerNetwork.glorotUniform(20, 8, 5, DataType.DOUBLE, 4);
        network.b1.assign(Nd4j.randn(DataType.DOUBLE, 8));
        network.b2.assign(Nd4j.randn(DataType.DOUBLE, 5));
        INDArray x = Nd4j.randn(DataType.DOUBLE, 32, 20);
        INDArray y = Labels.toCategorical(Nd4j.createFromArray(new int[32]).addi(3), 5).castTo(DataType.DOUBLE);

        assertTrue(GradientDescentByHand.largestDifferenceFromDl4j(network, x, y) < 1e-4);
    }

    @Test
    void handWrittenGradientsMatchFiniteDifferences() {
        Nd4j.getRandom().setSeed(12);
        TwoLayerNetwork network = TwoLayerNetwork.glorotUniform(6, 4, 3, DataType.DOUBLE, 5);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 10, 6);
        INDArray y = Labels.toCategorical(Nd4j.createFromArray(0, 1, 2, 0, 1, 2, 0, 1, 2, 0), 3)
                .castTo(DataType.DOUBLE);
        TwoLayerNetwork.Gradients gradients = network.gradients(x, y);
        for (int p = 0; p < 4; p++) {
            INDArray parameter = network.parameters().get(p);
            INDArray gradient = gradients.all().get(p);
            for (long i = 0; i < parameter.length(); i++) {
                double original = parameter.getDouble(i);
                parameter.putScalar(i, original + 1e-6);
                double up = network.gradients(x, y).loss();
                parameter.putScalar(i, original - 1e-6);
                double down = network.gradients(x, y).loss();
                parameter.putScalar(i, original);
                assertEquals((up - down) / 2e-6, gradient.getDouble(i), 1e-6, "parameter " + p + " element " + i);
            }
        }
    }

    @Test
    void parametersAreKerasShapedAndGlorotUniform() {
        TwoLayerNetwork network = TwoLayerNetwork.glorotUniform(784, 64, 10, DataType.FLOAT, 1);
        List<INDArray> parameters = network.parameters();
        assertEquals(List.of("[784, 64]", "[64]", "[64, 10]", "[10]"),
                parameters.stream().map(p -> java.util.Arrays.toString(p.shape())).toList());
        double limit = Math.sqrt(6.0 / (784 + 64));
        assertTrue(network.w1.amaxNumber().doubleValue() <= limit);
        assertTrue(network.w1.amaxNumber().doubleValue() > 0.95 * limit);
        assertEquals(0, network.b1.amaxNumber().doubleValue());
    }

    @Test
    void quickRunLossFallsAndBeatsChance() throws Exception {
        Path mnist = Fixtures.mnistNpz(dir.resolve("mnist.npz"), 1000, 200, 2).file();

        ExampleRun run = ExampleRun.of(new GradientDescentByHand(), "--quick", "--local-file", mnist.toString(),
                "--cache-dir", dir.toString(), "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        assertTrue(run.result("largest_gradient_difference") < 1e-4, run.output());
        for (String momentum : new String[] {"0.0", "0.9"}) {
            List<Double> losses = run.results("training_loss_momentum_" + momentum);
            assertEquals(2, losses.size(), run.output());
            assertTrue(losses.get(1) < losses.get(0), momentum + ": " + losses);
        }
        assertTrue(run.result("test_acc_momentum_0.9") > 0.5, run.output());
    }
}
