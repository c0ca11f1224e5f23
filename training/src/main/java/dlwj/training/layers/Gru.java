package dlwj.training.layers;

import dlwj.training.KerasDefaults;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
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
 * limit {@code sqrt(6 / (inputs + 3 units))}), the recurrent kernel by {@link KerasDefaults#orthogonal()}
 * over its whole [units, 3 units] shape (orthonormal rows, as Keras' {@code Orthogonal} gives).
 *
 * <p>The input is what DL4J's recurrent layers take, [batch, features, time] ({@code RNNFormat.NCW}); the
 * output is the last state, [batch, units], on which a {@link Dense} layer works directly, or with
 * {@code returnSequences(true)} every state, [batch, units, time], for a recurrent layer on top. Masks
 * (sequences of different lengths) are not supported; the book pads its sequences instead.
 */
public class Gru extends BaseRecurrentLayer {

    private boolean returnSequences;
    private double dropout;
    private double recurrentDropout;
    private IActivation recurrentActivationFn;

    /** For DL4J's JSON configuration format. */
    protected Gru() {
    }

    protected Gru(Builder builder) {
        super(builder);
        this.returnSequences = builder.returnSequences;
        this.dropout = builder.dropout;
        this.recurrentDropout = builder.recurrentDropout;
        this.recurrentActivationFn = builder.recurrentActivationFn;
        initializeConstraints(builder);
    }

    /** Keras' {@code return_sequences}: every step's state rather than the last one. */
    public boolean isReturnSequences() {
        return returnSequences;
    }

    /** Keras' {@code dropout}: the fraction of the inputs dropped, with one mask per sequence and gate. */
    public double getDropout() {
        return dropout;
    }

    /** Keras' {@code recurrent_dropout}: the fraction of the previous state dropped, likewise. */
    public double getRecurrentDropout() {
        return recurrentDropout;
    }

    /** Keras' {@code recurrent_activation}, that of the update and reset gates. */
    public IActivation getRecurrentActivationFn() {
        return recurrentActivationFn;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray params, boolean initializeParams, DataType dataType) {
        LayerValidation.assertNInNOutSet("Gru", getLayerName(), layerIndex, getNIn(), getNOut());
        if (getIDropout() != null) {
            throw new IllegalArgumentException("Gru (layer " + layerIndex + "): DL4J's dropOut(...) would drop "
                    + "every time step's inputs independently; use Gru.Builder's dropout(rate) and "
                    + "recurrentDropout(rate), Keras' per-sequence masks, and no network-wide dropOut");
        }
        if (getRnnDataFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException("Gru takes [batch, features, time] (RNNFormat.NCW) only");
        }
        return LayerWiring.wire(new GruImpl(conf, dataType), conf, initializer(), listeners, layerIndex, params,
                initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType sequences = super.getOutputType(layerIndex, inputType);
        return returnSequences ? sequences : InputType.feedForward(getNOut());
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        long steps = inputType instanceof InputType.InputTypeRecurrent recurrent
                ? Math.max(1, recurrent.getTimeSeriesLength()) : 1;
        // training keeps, per step and example: the gates' pre-activations and activations (6 units), the
        // states (units), r * h (units), the projected inputs (3 units) and their gradients (3 units)
        long perStep = 14 * getNOut();
        return new LayerMemoryReport.Builder(layerName, Gru.class, inputType, outputType)
                .standardMemory(params, getIUpdater().stateSize(params))
                .workingMemory(0, 3 * getNOut() * steps, 0, perStep * steps)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /**
     * {@code new Gru.Builder(32).build()}: Keras' {@code GRU(32)}; give the input's size with
     * {@code setInputType(InputType.recurrent(features))}, Keras' {@code input_shape=(None, features)}.
     */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {
        private boolean returnSequences;
        private double dropout;
        private double recurrentDropout;
        private IActivation recurrentActivationFn = Activation.HARDSIGMOID.getActivationFunction();

        public Builder() {
            activation(Activation.TANH);
            weightInitRecurrent(KerasDefaults.orthogonal());
        }

        /** Keras' {@code GRU(units)}. */
        public Builder(int units) {
            this();
            nOut(units);
        }

        /** Keras' {@code return_sequences=True}: output every step's state, [batch, units, time]. */
        public Builder returnSequences(boolean returnSequences) {
            this.returnSequences = returnSequences;
            return this;
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

        /** Keras' {@code recurrent_activation}; {@code Activation.HARDSIGMOID} unless changed. */
        public Builder recurrentActivation(Activation activation) {
            this.recurrentActivationFn = activation.getActivationFunction();
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
