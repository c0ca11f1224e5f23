package dlwj.keras.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code Flatten()} after a layer that outputs a sequence, such as {@code Embedding(10000, 8,
 * input_length=20)}: each sample's {@code (steps, features)} becomes one row of {@code steps * features}
 * values in Keras' order (step by step, the features of each step together). DL4J flattens by itself
 * between convolutional and dense layers, but between a sequence and a dense layer it applies the dense layer
 * to every step instead. The sequence length must be known: give it to the first layer ({@code inputLength}).
 */
public class Flatten extends NoParamLayer {

    /** For DL4J's JSON configuration format. */
    protected Flatten() {
    }

    protected Flatten(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray params, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new FlattenImpl(conf, dataType), conf, initializer(), listeners, layerIndex, params,
                initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent sequence)) {
            throw new IllegalArgumentException("Flatten (layer " + layerIndex + ") flattens sequences, got " + inputType
                    + ": DL4J flattens convolutional outputs before a dense layer by itself");
        }
        if (sequence.getTimeSeriesLength() <= 0) {
            throw new IllegalArgumentException("Flatten (layer " + layerIndex + ") needs the sequence length: give the"
                    + " first layer its input length (Keras' input_length), as in Embedding(10000, 8, input_length=20)");
        }
        if (sequence.getFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException("Flatten (layer " + layerIndex + ") takes DL4J's default sequence"
                    + " layout, [batch, features, steps] (NCW), got " + sequence.getFormat());
        }
        return InputType.feedForward(sequence.getSize() * sequence.getTimeSeriesLength());
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(layerName, Flatten.class, inputType, outputType)
                .standardMemory(0, 0)
                .workingMemory(0, 0, 0, outputType.arrayElementsPerExample())
                .cacheMemory(0, 0)
                .build();
    }

    /** {@code new Flatten.Builder().build()}: Keras' {@code Flatten()}. */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.Layer.Builder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public Flatten build() {
            return new Flatten(this);
        }
    }
}
