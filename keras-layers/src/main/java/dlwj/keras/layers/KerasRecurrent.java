package dlwj.keras.layers;

import dlwj.keras.KerasOrthogonal;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What Keras 2.0.8's gated recurrent layers, {@link Gru} and {@link Lstm}, share in DL4J: Keras' parameter
 * layout (the kernel {@code W} [inputs, gates x units], the recurrent kernel {@code RW} [units, gates x units],
 * the bias {@code b} [1, gates x units], each with the gates' columns in Keras' order), Keras' initialisation
 * (each matrix whole: {@code glorot_uniform} kernel, orthogonal recurrent kernel), Keras'
 * {@code recurrent_activation} ({@code hard_sigmoid}) and activation (tanh), and {@code return_sequences}.
 *
 * <p>The input is what DL4J's recurrent layers take, [batch, features, time] ({@code RNNFormat.NCW}); the
 * output is the last state, [batch, units], on which a {@link Dense} layer works directly, or with
 * {@code returnSequences(true)} every state, [batch, units, time], for a recurrent layer on top. Masks
 * (sequences of different lengths) are not supported; the book pads its sequences instead.
 */
public abstract class KerasRecurrent extends BaseRecurrentLayer {

    private boolean returnSequences;
    private IActivation recurrentActivationFn;

    /** For DL4J's JSON configuration format. */
    protected KerasRecurrent() {
    }

    protected KerasRecurrent(Builder<?> builder) {
        super(builder);
        this.returnSequences = builder.returnSequences;
        this.recurrentActivationFn = builder.recurrentActivationFn;
        initializeConstraints(builder);
    }

    /** Keras' {@code return_sequences}: every step's state rather than the last one. */
    public boolean isReturnSequences() {
        return returnSequences;
    }

    /** Keras' {@code recurrent_activation}, that of the gates. */
    public IActivation getRecurrentActivationFn() {
        return recurrentActivationFn;
    }

    /** How many blocks of {@code units} columns the kernels have: one per gate (and candidate). */
    abstract int gates();

    /** Sets the bias's initial values, [1, gates x units]: the layer's bias initialisation unless overridden. */
    void initialiseBias(INDArray bias) {
        bias.assign(getBiasInit());
    }

    /**
     * Checks, before the layer is made, what it cannot do: DL4J's network-wide {@code dropOut} (it would drop
     * every time step's inputs independently; {@code dropoutAdvice} says what to use instead) and layouts other
     * than [batch, features, time], and activations the layers do not compute ({@link JavaActivation}).
     */
    void checkInstantiable(int layerIndex, String dropoutAdvice) {
        String kind = getClass().getSimpleName();
        LayerValidation.assertNInNOutSet(kind, getLayerName(), layerIndex, getNIn(), getNOut());
        if (getIDropout() != null) {
            throw new IllegalArgumentException(kind + " (layer " + layerIndex + "): DL4J's dropOut(...) would drop "
                    + "every time step's inputs independently; " + dropoutAdvice);
        }
        if (getRnnDataFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException(kind + " takes [batch, features, time] (RNNFormat.NCW) only");
        }
        boolean gatesComputed = JavaActivation.ofGate(recurrentActivationFn) != null || gates() == 1;
        if (JavaActivation.ofActivation(getActivationFn()) == null || !gatesComputed) {
            throw new IllegalArgumentException(kind + " (layer " + layerIndex + ") computes Keras' activations "
                    + "tanh or relu" + (gates() > 1 ? ", with hard_sigmoid or sigmoid gates" : "") + "; given "
                    + getActivationFn() + (gates() > 1 ? " and " + recurrentActivationFn : ""));
        }
    }

    @Override
    public ParamInitializer initializer() {
        return RecurrentParamInitializer.getInstance();
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
        // training keeps, per step and example, about: the gates' pre-activations, activations and gradients,
        // the projected inputs, the states (and an LSTM's cells)
        long perStep = (4L * gates() + 2) * getNOut();
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, outputType)
                .standardMemory(params, getIUpdater().stateSize(params))
                .workingMemory(0, gates() * getNOut() * steps, 0, perStep * steps)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Keras' defaults of its recurrent layers: activation tanh, {@code hard_sigmoid} gates, orthogonal recurrence. */
    public abstract static class Builder<T extends Builder<T>> extends BaseRecurrentLayer.Builder<T> {
        private boolean returnSequences;
        private IActivation recurrentActivationFn = Activation.HARDSIGMOID.getActivationFunction();

        protected Builder() {
            activation(Activation.TANH);
            weightInitRecurrent(new KerasOrthogonal());
        }

        /** Keras' {@code return_sequences=True}: output every step's state, [batch, units, time]. */
        @SuppressWarnings("unchecked")
        public T returnSequences(boolean returnSequences) {
            this.returnSequences = returnSequences;
            return (T) this;
        }

        /** Keras' {@code recurrent_activation}; {@code Activation.HARDSIGMOID} unless changed. */
        @SuppressWarnings("unchecked")
        public T recurrentActivation(Activation activation) {
            this.recurrentActivationFn = activation.getActivationFunction();
            return (T) this;
        }
    }
}
