package dlwj.training;

import dlwj.keras.layers.Dense;
import dlwj.keras.layers.Output;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Which layers a book model is built from: this project's Keras layers ({@code dlwj.keras.layers}, Keras
 * 2.0.8's computation with less work), or DL4J's own, given the same settings (docs/stock-dl4j.md). Both have
 * the same parameters in the same layout, so the same seed gives the same weights and the same numbers, to
 * the last digits that the order of the arithmetic moves.
 */
public enum LayerChoice {

    /** {@code Dense}, {@code Output}, and {@code JavaRelu} in place of plain ReLU. */
    KERAS,
    /** DL4J's {@code DenseLayer}, {@code OutputLayer} and ReLU. */
    DL4J;

    /** The choice named {@code name} ({@code keras} or {@code dl4j}), as the command line gives it. */
    public static LayerChoice named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not one of " + Arrays.stream(values())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")), e);
        }
    }

    /** Keras' {@code Dense(units, activation)} as a hidden layer. */
    public Layer dense(int units, Activation activation) {
        return this == KERAS ? new Dense.Builder().nOut(units).activation(activation).build()
                : new DenseLayer.Builder().nOut(units).activation(activation).build();
    }

    /** Keras' last {@code Dense(units, activation)} with the model's {@code loss}. */
    public Layer output(int units, Activation activation, ILossFunction loss) {
        return this == KERAS ? new Output.Builder().lossFunction(loss).nOut(units).activation(activation).build()
                : new OutputLayer.Builder().lossFunction(loss).nOut(units).activation(activation).build();
    }

    /** {@code network.init()} from its seed; with this project's layers, plain ReLU becomes {@code JavaRelu}. */
    public MultiLayerNetwork initialise(MultiLayerNetwork network) {
        return this == KERAS ? KerasDefaults.initialise(network) : KerasDefaults.seededInit(network);
    }
}
