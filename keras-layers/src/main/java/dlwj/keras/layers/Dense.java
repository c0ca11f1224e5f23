package dlwj.keras.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code Dense} layer for DL4J: the same computation as DL4J's {@code DenseLayer} (output =
 * activation(input · W + b), same parameters and initialisation), trained with less work. DL4J's dense
 * backprop recomputes the layer's forward product and computes the gradient with respect to the input
 * even for the first layer, where nothing uses it; this one keeps the pre-activation of the forward pass
 * and skips that gradient, as Keras and PyTorch do. On the book's MNIST network that is half the
 * matrix work of the big layer.
 */
public class Dense extends FeedForwardLayer {

    /** For DL4J's JSON configuration format. */
    protected Dense() {
    }

    protected Dense(Builder builder) {
        super(builder);
        initializeConstraints(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray params, boolean initializeParams, DataType dataType) {
        LayerValidation.assertNInNOutSet("Dense", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new DenseImpl(conf, dataType), conf, initializer(), listeners, layerIndex, params,
                initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return DefaultParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        long updaterState = getIUpdater().stateSize(params);
        // training keeps the pre-activation (output size) and, past the first layer, the input gradient
        return new LayerMemoryReport.Builder(layerName, Dense.class, inputType, outputType)
                .standardMemory(params, updaterState)
                .workingMemory(0, 0, 0, outputType.arrayElementsPerExample() + inputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /**
     * {@code new Dense.Builder().nOut(512).activation(Activation.RELU).build()}; give the network's input
     * size with {@code setInputType(InputType.feedForward(784))}, Keras' {@code input_shape}.
     */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public Dense build() {
            return new Dense(this);
        }
    }
}
