package dlwj.keras.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code Bidirectional(layer)} around a recurrent layer that returns its last output (Keras' default,
 * {@code return_sequences=False}, and {@code merge_mode='concat'}): the layer reads the sequence forward, a
 * copy with its own weights reads it backward, and the output is the forward copy's last state beside the
 * backward copy's last state, the one it reaches after reading the whole sequence from its end.
 *
 * <p>Give it the recurrent layer returning every step (DL4J's {@code LSTM}, or {@link Gru} with
 * {@code returnSequences(true)}). DL4J's own {@code Bidirectional} returns every step with the backward outputs
 * put back in forward order, so the last step of that (what {@code LastTimeStep} would take) holds the backward
 * copy's state after one step only, not Keras' output; this layer takes the backward copy's state at the first
 * step instead, its last one read. Output: [batch, 2 units].
 */
public class Bidirectional extends org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional {

    /** For DL4J's JSON configuration format. */
    protected Bidirectional() {
    }

    /** {@code Bidirectional(layer)}: {@code layer} returns every step's output. */
    public Bidirectional(org.deeplearning4j.nn.conf.layers.Layer layer) {
        super(Mode.CONCAT, layer);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray params, boolean initializeParams, DataType dataType) {
        return new BidirectionalImpl(super.instantiate(conf, listeners, layerIndex, params, initializeParams,
                dataType));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(((InputType.InputTypeRecurrent) super.getOutputType(layerIndex, inputType))
                .getSize());
    }
}
