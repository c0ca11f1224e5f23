package dlwj.keras.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Keras' last {@code Dense} layer with the model's loss, for DL4J: the same computation, parameters and
 * initialisation as DL4J's {@link OutputLayer} (it is one, to everything that asks), with less work per step.
 * DL4J's output layer computes its pre-activation anew for the gradient and again for the score (and a third
 * time where a listener asks for the predictions); this one computes it once per training step. The book's
 * output layers (identity with MSE or MAE, softmax with categorical cross-entropy, sigmoid with binary
 * cross-entropy) take their activation, loss and gradients in plain Java loops over the arrays' buffers instead
 * of a dozen ND4J operations, and small products (Boston housing's batch of one) too, as {@link Dense}'s do.
 */
public class Output extends OutputLayer {

    /** For DL4J's JSON configuration format. */
    protected Output() {
    }

    protected Output(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray params, boolean initializeParams, DataType dataType) {
        LayerValidation.assertNInNOutSet("Output", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new OutputImpl(conf, dataType), conf, initializer(), listeners, layerIndex, params,
                initializeParams);
    }

    /**
     * {@code new Output.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build()},
     * as DL4J's {@code OutputLayer.Builder}.
     */
    public static class Builder extends OutputLayer.Builder {
        public Builder() {
        }

        public Builder(LossFunctions.LossFunction loss) {
            super(loss);
        }

        public Builder(ILossFunction loss) {
            super(loss);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Output build() {
            return new Output(this);
        }
    }
}
