package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * Keras' binary cross-entropy: DL4J's on one sigmoid output, the mean over several; no gradient where a linear output
 * was clipped.
 */
class KerasBinaryCrossentropyTest {

    private static final KerasBinaryCrossentropy LOSS = new KerasBinaryCrossentropy();

    @Test
    void onALinearOutputTheClippedOutputsGetNoGradient() {
        INDArray outputs = Nd4j.createFromArray(new double[][] {{0.3}, {1.7}, {-0.2}, {0.9}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}, {0}});

        INDArray gradient = LOSS.computeGradient(labels, outputs, new ActivationIdentity(), null);

        // inside the clip: d/dp of -(y log p + (1 - y) log(1 - p)) = (p - y) / (p (1 - p))
        assertEquals((0.3 - 1) / (0.3 * 0.7), gradient.getDouble(0, 0), 1e-9);
        assertEquals(0, gradient.getDouble(1, 0), 0, "1.7 was clipped to 1 - 1e-7");
        assertEquals(0, gradient.getDouble(2, 0), 0, "-0.2 was clipped to 1e-7");
        assertEquals(0.9 / (0.9 * 0.1), gradient.getDouble(3, 0), 1e-9);
        // the score is the clipped cross-entropy, as DL4J's (summed over the batch)
        double clipped = -Math.log(1 - (1 - 1e-7)) - Math.log(1e-7);
        assertEquals(-Math.log(0.3) + clipped - Math.log(0.1),
                LOSS.computeScore(labels, outputs, new ActivationIdentity(), null, false), 1e-6);
    }

    @Test
    void onASigmoidOutputItIsDl4jsLoss() {
        Nd4j.getRandom().setSeed(2);
        INDArray preOutput = Nd4j.randn(DataType.DOUBLE, 6, 1).muli(4);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 6, 1).gt(0.5).castTo(DataType.DOUBLE);
        LossBinaryXENT dl4j = new LossBinaryXENT(KerasDefaults.EPSILON);

        assertEquals(dl4j.computeGradient(labels, preOutput, new ActivationSigmoid(), null),
                LOSS.computeGradient(labels, preOutput, new ActivationSigmoid(), null));
    }

    /** Keras' {@code K.mean(binary_crossentropy, axis=-1)}: a sample of several outputs scores their mean. */
    @Test
    void severalOutputsScoreTheirMeanAsKeras() {
        Nd4j.getRandom().setSeed(3);
        INDArray preOutput = Nd4j.randn(DataType.DOUBLE, 5, 4);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 5, 4);
        LossBinaryXENT summed = new LossBinaryXENT(KerasDefaults.EPSILON);
        ActivationSigmoid sigmoid = new ActivationSigmoid();

        assertEquals(summed.computeScore(labels, preOutput, sigmoid, null, true) / 4,
                LOSS.computeScore(labels, preOutput, sigmoid, null, true), 1e-12);
        assertTrue(summed.computeScoreArray(labels, preOutput, sigmoid, null).div(4)
                .equalsWithEps(LOSS.computeScoreArray(labels, preOutput, sigmoid, null), 1e-12));
        // DL4J's gradient on a sigmoid overwrites its preOutput argument: each call gets a copy
        assertTrue(summed.computeGradient(labels, preOutput.dup(), sigmoid, null).div(4)
                .equalsWithEps(LOSS.computeGradient(labels, preOutput.dup(), sigmoid, null), 1e-12));
    }
}
