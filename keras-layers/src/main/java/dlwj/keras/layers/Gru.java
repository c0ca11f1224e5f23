package dlwj.keras.layers;

import dlwj.keras.KerasOrthogonal;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras 2.0.8's {@code GRU} layer for DL4J, which has none: {@code GRU(units, activation='tanh',
 * recurrent_activation='hard_sigmoid', use_bias=True, kernel_initializer='glorot_uniform',
 * recurrent_initializer='orthogonal', bias_initializer='zeros', dropout=0., recurrent_dropout=0.,
 * return_sequences=False)}. The formulas are those of {@code GRU.step} in {@code keras/layers/recurrent.py} at
 * tag 2.0.8 (the version the book ran), with the reset gate applied to the previous state before its product
 * with the candidate's recurrent weights (later versions' {@code reset_after=True} applies it after):
 *
 * <pre>
 * z  = hard_sigmoid(x_t · W_z + b_z + (h_tm1 * rd_z) · U_z)
 * r  = hard_sigmoid(x_t · W_r + b_r + (h_tm1 * rd_r) · U_r)
 * hh = tanh(x_t · W_h + b_h + (r * h_tm1 * rd_h) · U_h)
 * h  = z * h_tm1 + (1 - z) * hh            h_0 = 0
 * </pre>
 *
 * where Keras' {@code hard_sigmoid(x) = clip(0.2 x + 0.5, 0, 1)}, as DL4J's {@code Activation.HARDSIGMOID}.
 * With {@code dropout}, each gate's {@code x_t} is multiplied by its own mask (2.0.8's default
 * {@code implementation=0} draws one for each of z, r and h); with {@code recurrentDropout}, {@code h_tm1} by
 * the masks {@code rd_z, rd_r, rd_h}, one per gate too. Every mask is drawn once per sequence (per sample,
 * the same at every time step), keeps a unit with probability {@code 1 - rate} and scales it by
 * {@code 1 / (1 - rate)}, and is used in training only.
 *
 * <p>The parameters have Keras' layout, so Keras' weights load as they are: {@code W} is the kernel
 * [inputs, 3 units], {@code RW} the recurrent kernel [units, 3 units] and {@code b} the bias [1, 3 units],
 * each with the gates' columns in the order z, r, h. The kernel is initialised by the layer's weight
 * initialisation over its whole shape ({@code WeightInit.XAVIER_UNIFORM}, Keras' {@code glorot_uniform}:
 * limit {@code sqrt(6 / (inputs + 3 units))}), the recurrent kernel by {@link KerasOrthogonal}
 * over its whole [units, 3 units] shape (orthonormal rows, as Keras' {@code Orthogonal} gives).
 *
 * <p>The input and output are those of every {@link KerasRecurrent} layer.
 */
public class Gru extends KerasRecurrent {

    private double dropout;
    private double recurrentDropout;

    /** For DL4J's JSON configuration format. */
    protected Gru() {
    }

    protected Gru(Builder builder) {
        super(builder);
        this.dropout = builder.dropout;
        this.recurrentDropout = builder.recurrentDropout;
    }

    /** Keras' {@code dropout}: the fraction of the inputs dropped, with one mask per sequence and gate. */
    public double getDropout() {
        return dropout;
    }

    /** Keras' {@code recurrent_dropout}: the fraction of the previous state dropped, likewise. */
    public double getRecurrentDropout() {
        return recurrentDropout;
    }

    @Override
    int gates() {
        return 3;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray params, boolean initializeParams, DataType dataType) {
        checkInstantiable(layerIndex, "use Gru.Builder's dropout(rate) and recurrentDropout(rate), Keras' "
                + "per-sequence masks, and no network-wide dropOut");
        return LayerWiring.wire(new GruImpl(conf, dataType), conf, initializer(), listeners, layerIndex, params,
                initializeParams);
    }

    /**
     * {@code new Gru.Builder(32).build()}: Keras' {@code GRU(32)}; give the input's size with
     * {@code setInputType(InputType.recurrent(features))}, Keras' {@code input_shape=(None, features)}.
     */
    public static class Builder extends KerasRecurrent.Builder<Builder> {
        private double dropout;
        private double recurrentDropout;

        public Builder() {
        }

        /** Keras' {@code GRU(units)}. */
        public Builder(int units) {
            nOut(units);
        }

        /** Keras' {@code dropout=rate}: drops this fraction of the inputs, with one mask per sequence. */
        public Builder dropout(double rate) {
            this.dropout = checkedRate("dropout", rate);
            return this;
        }

        /** Keras' {@code recurrent_dropout=rate}: drops this fraction of the previous state, likewise. */
        public Builder recurrentDropout(double rate) {
            this.recurrentDropout = checkedRate("recurrentDropout", rate);
            return this;
        }

        private static double checkedRate(String name, double rate) {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException(name + " is the fraction dropped, in [0, 1): " + rate);
            }
            return rate;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Gru build() {
            return new Gru(this);
        }
    }
}
