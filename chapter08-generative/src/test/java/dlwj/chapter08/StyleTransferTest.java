package dlwj.chapter08;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.chapter05.Vgg16ConvBase;
import dlwj.cli.ExampleRun;
import dlwj.cli.Examples;
import dlwj.datasets.Fixtures;
import dlwj.datasets.Vgg19Weights;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.formats.NpyArray;
import dlwj.datasets.formats.Npz;
import dlwj.training.LayerChoice;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Section 8.3: the style transfer loss and its gradient against PyTorch's autograd on the notebook's formulas
 * ({@code src/test/python/style_transfer_reference.py}, a VGG19-like base of 4 filters a convolution), the L-BFGS, and
 * the example end to end on that base.
 */
class StyleTransferTest {

    private static final long[] KERAS_SHAPE = {1, 32, 48, 3};

    @TempDir
    Path dir;

    @Test
    void theLossAndItsGradientAreTheNotebooks() throws Exception {
        Map<String, NpyArray> reference = Npz.read(resource("style-transfer-reference.npz"), "target", "style",
                "combination", "loss", "gradient");
        MultiLayerNetwork vgg19 = Vgg16ConvBase.fromKerasWeights(LayerChoice.KERAS, resource("vgg19-like-weights.h5"),
                32, 48).convertDataType(DataType.DOUBLE);
        StyleTransferLoss loss = new StyleTransferLoss(vgg19, channelsFirst(reference.get("target")),
                channelsFirst(reference.get("style")));

        StyleTransferLoss.ValueAndGradient result = loss.evaluate(channelsFirst(reference.get("combination")));

        double expected = reference.get("loss").doubles()[0];
        assertEquals(expected, result.value(), 1e-6 * expected);
        double[] expectedGradient = reference.get("gradient").doubles();
        double[] gradient = result.gradient().permute(0, 2, 3, 1).dup('c').data().asDouble(); // as Keras holds it
        double scale = Nd4j.createFromArray(expectedGradient).amaxNumber().doubleValue();
        for (int i = 0; i < expectedGradient.length; i++) {
            assertEquals(expectedGradient[i], gradient[i], 1e-6 * scale, "gradient value " + i);
        }
    }

    @Test
    void kerasVgg19LayoutIsAcceptedAndAFileThatIsNotHdf5IsRefused() throws Exception {
        Vgg19Weights.NOTOP.validator().validate(resource("vgg19-like-weights.h5"));

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> Vgg19Weights.NOTOP.validator().validate(Fixtures.write(dir.resolve("other.h5"),
                        Files.readAllBytes(resource("style-transfer-reference.npz")))));
        assertTrue(e.getMessage().contains("other.h5 is not a readable HDF5 file"), e.getMessage());
    }

    @Test
    void lbfgsMinimisesAndStopsAfterItsEvaluations() {
        // Rosenbrock's valley, minimum 0 at (1, 1)
        ToDoubleBiFunction<double[], double[]> rosenbrock = (x, gradient) -> {
            gradient[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]);
            gradient[1] = 200 * (x[1] - x[0] * x[0]);
            return Math.pow(1 - x[0], 2) + 100 * Math.pow(x[1] - x[0] * x[0], 2);
        };
        double[] start = {-1.2, 1};

        LbfgsMinimization.Result converged = LbfgsMinimization.minimize(rosenbrock, start, 1000);
        LbfgsMinimization.Result capped = LbfgsMinimization.minimize(rosenbrock, start, 5);

        assertArrayEquals(new double[] {1, 1}, converged.x(), 1e-4);
        assertEquals(0, converged.value(), 1e-8);
        assertArrayEquals(new double[] {-1.2, 1}, start, "the start is not changed");
        assertTrue(capped.evaluations() >= 5 && capped.evaluations() < 10, "stops at the first iteration past 5 "
                + "evaluations: " + capped.evaluations());
        assertTrue(capped.value() < 24.2 && capped.value() > converged.value(), "on its way: " + capped.value());
    }

    @Test
    void theExampleTransfersAStyleWithStandInWeights() throws Exception {
        Path target = picture("portrait.jpg", 60, 40, 1);
        Path style = picture("popova.jpg", 50, 50, 2);

        ExampleRun run = ExampleRun.of(new StyleTransfer(), "--target", target.toString(), "--style", style.toString(),
                "--weights", resource("vgg19-like-weights.h5").toString(), "--quick", "--iterations", "2",
                "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        double[] losses = run.output().lines().filter(l -> l.startsWith("Current loss value: "))
                .mapToDouble(l -> Double.parseDouble(l.substring(20))).toArray();
        assertEquals(2, losses.length, run.output());
        assertTrue(losses[1] < losses[0], "the loss goes down: " + run.output());
        BufferedImage generated = ImageIO.read(dir.resolve("out/style_transfer_result_at_iteration_1.png").toFile());
        assertEquals(32, generated.getHeight(), "--quick's height");
        assertEquals(48, generated.getWidth(), "the target's shape, 400 pixels high in the book");
        assertTrue(Files.exists(dir.resolve("out/style_transfer_result_at_iteration_0.png")));
        assertEquals(48 * 3 + 4 * 2, ImageIO.read(dir.resolve("out/style-transfer.png").toFile()).getWidth(),
                "target, style and generated side by side");
    }

    @Test
    void aMissingPictureIsOneLineBeforeAnyWork() {
        StringWriter err = new StringWriter();

        int status = Examples.execute(new StyleTransfer(), new PrintWriter(err, true), "--target",
                dir.resolve("portrait.jpg").toString(), "--style", dir.toString(), "--out", dir.resolve("out").toString());

        assertEquals(2, status, "a usage error");
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("--target " + dir.resolve("portrait.jpg").toAbsolutePath()
                + " is not a file"), err.toString());
    }

    @Test
    void aTargetTooNarrowForVgg19IsOneLineBeforeAnyWork() throws Exception {
        StringWriter err = new StringWriter();

        int status = Examples.execute(new StyleTransfer(), new PrintWriter(err, true), "--target",
                picture("tower.jpg", 30, 400, 1).toString(), "--style", picture("popova.jpg", 50, 50, 2).toString(),
                "--out", dir.resolve("out").toString());

        assertEquals(2, status, "a usage error");
        assertEquals("The generated picture would be 30 x 400 pixels (the target's shape, 400 high); VGG19 halves it "
                + "five times: it needs 32 pixels a side at least", err.toString().lines().findFirst().orElseThrow()
                .replaceFirst(" \\(StyleTransfer --help.*", ""), err.toString());
    }

    private Path picture(String name, int width, int height, int seed) throws Exception {
        return Fixtures.write(dir.resolve(name), Fixtures.jpeg(width, height, new Random(seed)));
    }

    /** A Keras picture {@code [1, height, width, 3]} as DL4J's {@code [1, 3, height, width]}, in doubles. */
    private static INDArray channelsFirst(NpyArray keras) throws Exception {
        return Nd4j.create(keras.floats(), KERAS_SHAPE, 'c').castTo(DataType.DOUBLE).permute(0, 3, 1, 2).dup('c');
    }

    private static Path resource(String name) throws Exception {
        return Path.of(StyleTransferTest.class.getResource("/dlwj/chapter08/" + name).toURI());
    }
}
