package dlwj.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.training.LayerChoice;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * For the chapters' tests: a book model built from this project's layers and from DL4J's ({@code --layers
 * dl4j}) is the same model. Given the same weights, in double precision, both give the same outputs, the same
 * loss and the same gradients (each parameter's, the LSTM's gate blocks matched as {@link LayerChoice#copyWeights}
 * matches the weights).
 */
public final class StockLayers {

    private StockLayers() {
    }

    /** Asserts that {@code keras} and {@code dl4j} compute the same on inputs {@code x} with labels {@code y}. */
    public static void assertSameModel(MultiLayerNetwork keras, MultiLayerNetwork dl4j, INDArray x, INDArray y) {
        MultiLayerNetwork ours = keras.convertDataType(DataType.DOUBLE);
        MultiLayerNetwork stock = dl4j.convertDataType(DataType.DOUBLE);
        INDArray input = x.castTo(DataType.DOUBLE);
        INDArray labels = y.castTo(DataType.DOUBLE);
        LayerChoice.copyWeights(ours, stock);

        assertClose("outputs", ours.output(input), stock.output(input));

        double oursLoss = lossAndGradients(ours, input, labels);
        double stockLoss = lossAndGradients(stock, input, labels);
        assertClose("losses", Nd4j.scalar(oursLoss), Nd4j.scalar(stockLoss));
        MultiLayerNetwork oursGradients = ours.clone();
        oursGradients.setParams(ours.getGradientsViewArray());
        MultiLayerNetwork expected = stock.clone();
        LayerChoice.copyWeights(oursGradients, expected);
        assertClose("gradients", expected.params(), stock.getGradientsViewArray());
    }

    private static double lossAndGradients(MultiLayerNetwork network, INDArray input, INDArray labels) {
        network.setInput(input);
        network.setLabels(labels);
        network.computeGradientAndScore();
        return network.score();
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        double difference = expected.sub(actual).norm2Number().doubleValue();
        double scale = Math.max(1, expected.norm2Number().doubleValue());
        // 1e-7: libnd4j's double tanh and Java's differ in the last digits
        assertTrue(difference <= 1e-7 * scale, what + " differ by " + difference + " (norm " + scale + ")");
    }
}
