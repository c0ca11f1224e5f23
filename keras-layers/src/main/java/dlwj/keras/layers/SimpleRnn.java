package dlwj.keras.layers;

import dlwj.keras.KerasOrthogonal;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras 2.0.8's {@code SimpleRNN} layer: {@code SimpleRNN(units, activation='tanh', use_bias=True,
 * kernel_initializer='glorot_uniform', recurrent_initializer='orthogonal', bias_initializer='zeros',
 * return_sequences=False)}, listing 6.21's loop: {@code h = tanh(x_t · W + b + h_tm1 · U)}, {@code h_0 = 0}.
 *
 * <p>DL4J's own {@code SimpleRnn} computes the same, in the same layout ({@code W} [inputs, units], {@code RW}
 * [units, units], {@code b} [1, units]), with several native calls per step; this layer makes one (see
 * {@link SimpleRnnImpl}). Its recurrent kernel is initialised by {@link KerasOrthogonal}, the
 * kernel by {@code glorot_uniform}. The activation is tanh, Keras' default and the book's, or ReLU.
 *
 * <p>The input and output are those of every {@link KerasRecurrent} layer.
 */
public class SimpleRnn extends KerasRecurrent {

    /** For DL4J's JSON configuration format. */
    protected SimpleRnn() {
    }

    protected SimpleRnn(Builder builder) {
        super(builder);
    }

    @Override
    int gates() {
        return 1;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray params, boolean initializeParams, DataType dataType) {
        checkInstantiable(layerIndex, "SimpleRnn has no dropout (the book's SimpleRNNs use none): remove dropOut");
        return LayerWiring.wire(new SimpleRnnImpl(conf, dataType), conf, initializer(), listeners, layerIndex,
                params, initializeParams);
    }

    /**
     * {@code new SimpleRnn.Builder(32).build()}: Keras' {@code SimpleRNN(32)}; give the input's size with
     * {@code setInputType(InputType.recurrent(features))}.
     */
    public static class Builder extends KerasRecurrent.Builder<Builder> {

        public Builder() {
        }

        /** Keras' {@code SimpleRNN(units)}. */
        public Builder(int units) {
            nOut(units);
        }

        @Override
        @SuppressWarnings("unchecked")
        public SimpleRnn build() {
            return new SimpleRnn(this);
        }
    }
}
