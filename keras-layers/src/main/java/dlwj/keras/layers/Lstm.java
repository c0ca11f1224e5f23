package dlwj.keras.layers;

import dlwj.keras.KerasOrthogonal;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras 2.0.8's {@code LSTM} layer: {@code LSTM(units, activation='tanh', recurrent_activation='hard_sigmoid',
 * use_bias=True, kernel_initializer='glorot_uniform', recurrent_initializer='orthogonal',
 * bias_initializer='zeros', unit_forget_bias=True, return_sequences=False)}, with the formulas of
 * {@code LSTM.step} in {@code keras/layers/recurrent.py} at tag 2.0.8 (the version the book ran):
 *
 * <pre>
 * i = hard_sigmoid(x_t · W_i + b_i + h_tm1 · U_i)
 * f = hard_sigmoid(x_t · W_f + b_f + h_tm1 · U_f)
 * c = f * c_tm1 + i * tanh(x_t · W_c + b_c + h_tm1 · U_c)
 * o = hard_sigmoid(x_t · W_o + b_o + h_tm1 · U_o)
 * h = o * tanh(c)                          h_0 = c_0 = 0
 * </pre>
 *
 * <p>DL4J's own {@code LSTM} computes the same model, but orders the gates' columns otherwise and makes a dozen
 * native calls per step and direction, each on a few thousand numbers; this layer makes one (see
 * {@link LstmImpl}). The parameters have Keras' layout, so Keras' weights load as they are:
 * {@code W} [inputs, 4 units], {@code RW} [units, 4 units] and {@code b} [1, 4 units], each with the gates'
 * columns in the order i, f, c, o. The kernel is initialised over its whole shape ({@code glorot_uniform}:
 * limit {@code sqrt(6 / (inputs + 4 units))}), the recurrent kernel by {@link KerasOrthogonal} over
 * its whole [units, 4 units] shape, the bias with zeros but the forget gate's ones ({@code unit_forget_bias}).
 * The activation is tanh (or ReLU), the gates' the hard sigmoid (or the sigmoid); Keras' {@code dropout} and
 * {@code recurrent_dropout} are not offered (the book's LSTMs use none; its GRUs do, see {@link Gru}).
 *
 * <p>The input and output are those of every {@link KerasRecurrent} layer.
 */
public class Lstm extends KerasRecurrent {

    /** For DL4J's JSON configuration format. */
    protected Lstm() {
    }

    protected Lstm(Builder builder) {
        super(builder);
    }

    @Override
    int gates() {
        return 4;
    }

    /** Keras' {@code unit_forget_bias=True}: the forget gate's bias starts at one, the others' at the bias init. */
    @Override
    void initialiseBias(INDArray bias) {
        long units = getNOut();
        bias.assign(getBiasInit());
        bias.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), KerasRecurrentImpl.gateColumns(1, units)).assign(1);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray params, boolean initializeParams, DataType dataType) {
        checkInstantiable(layerIndex, "Lstm has no dropout (the book's LSTMs use none): remove dropOut");
        return LayerWiring.wire(new LstmImpl(conf, dataType), conf, initializer(), listeners, layerIndex, params,
                initializeParams);
    }

    /**
     * {@code new Lstm.Builder(32).build()}: Keras' {@code LSTM(32)}; give the input's size with
     * {@code setInputType(InputType.recurrent(features))}, Keras' {@code input_shape=(None, features)}.
     */
    public static class Builder extends KerasRecurrent.Builder<Builder> {

        public Builder() {
        }

        /** Keras' {@code LSTM(units)}. */
        public Builder(int units) {
            nOut(units);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Lstm build() {
            return new Lstm(this);
        }
    }
}
