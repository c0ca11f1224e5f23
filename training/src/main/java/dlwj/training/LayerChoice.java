package dlwj.training;

import dlwj.keras.layers.Conv2DTranspose;
import dlwj.keras.layers.Dense;
import dlwj.keras.layers.Embedding;
import dlwj.keras.layers.Lstm;
import dlwj.keras.layers.MaxPooling2D;
import dlwj.keras.layers.Output;
import dlwj.keras.layers.SimpleRnn;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Which layers a book model is built from: this project's Keras layers ({@code dlwj.keras.layers}, Keras
 * 2.0.8's computation with less work), or DL4J's own, given the same settings (docs/stock-dl4j.md). Given the
 * same weights ({@link #copyWeights}) both compute the same outputs and gradients. The dense layers, the
 * embedding and the SimpleRNN have the same parameters in the same layout, so the same seed gives the same
 * weights; the LSTM's gates are in another order, so a seed draws other weights from the same distributions.
 */
public enum LayerChoice {

    /** {@code Dense}, {@code Output}, {@code Embedding}, {@code SimpleRnn}, {@code Lstm}, {@code MaxPooling2D},
     * {@code Conv2DTranspose}, and {@code JavaRelu} in place of plain ReLU. */
    KERAS,
    /** DL4J's {@code DenseLayer}, {@code OutputLayer}, {@code EmbeddingSequenceLayer}, {@code SimpleRnn} and
     * {@code LSTM} (each returning its last step through {@code LastTimeStep}), max {@code SubsamplingLayer},
     * {@code Deconvolution2D} and ReLU. */
    DL4J;

    /** Where DL4J's LSTM keeps each of Keras' gate blocks (i, f, c, o): DL4J orders them c, f, o, i. */
    private static final int[] DL4J_BLOCK_OF_KERAS_GATE = {3, 1, 0, 2};

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
        return dense(units, activation, List.of());
    }

    /** Keras' {@code Dense(units, activation, kernel_regularizer=...)}: {@code regularization} on the weights. */
    public Layer dense(int units, Activation activation, List<Regularization> regularization) {
        return this == KERAS ? new Dense.Builder().nOut(units).activation(activation).regularization(regularization)
                .build()
                : new DenseLayer.Builder().nOut(units).activation(activation).regularization(regularization).build();
    }

    /** Keras' last {@code Dense(units, activation)} with the model's {@code loss}. */
    public Layer output(int units, Activation activation, ILossFunction loss) {
        return this == KERAS ? new Output.Builder().lossFunction(loss).nOut(units).activation(activation).build()
                : new OutputLayer.Builder().lossFunction(loss).nOut(units).activation(activation).build();
    }

    /**
     * Keras' {@code Embedding(inputDim, outputDim)}, its defaults from {@link KerasDefaults#embedding}; add
     * {@code .inputLength(n)} for Keras' {@code input_length}.
     */
    public EmbeddingSequenceLayer.Builder embedding(int inputDim, int outputDim) {
        return KerasDefaults.embedding(this == KERAS ? new Embedding.Builder() : new EmbeddingSequenceLayer.Builder(),
                inputDim, outputDim);
    }

    /** Keras' {@code SimpleRNN(units)} over {@code inputs} features, returning its last output. */
    public Layer simpleRnn(int inputs, int units) {
        return this == KERAS ? new SimpleRnn.Builder(units).build()
                : new LastTimeStep(KerasDefaults.simpleRnn(inputs, units).build());
    }

    /** Keras' {@code LSTM(units)} over {@code inputs} features, returning its last output. */
    public Layer lstm(int inputs, int units) {
        return this == KERAS ? new Lstm.Builder(units).build()
                : new LastTimeStep(KerasDefaults.lstm(inputs, units).build());
    }

    /** Keras' {@code MaxPooling2D((height, width))}: windows as many pixels apart as they are wide. */
    public Layer maxPooling2D(int height, int width) {
        return this == KERAS ? new MaxPooling2D.Builder(height, width).build()
                : new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(height, width).stride(height, width)
                .build();
    }

    /**
     * Keras' {@code Conv2DTranspose(filters, kernel, strides=stride, padding='same', activation=...)}: the output
     * {@code stride} times the input's height and width.
     */
    public Layer conv2DTranspose(int filters, int kernel, int stride, IActivation activation) {
        Deconvolution2D.Builder layer = this == KERAS ? new Conv2DTranspose.Builder(kernel, kernel)
                : new Deconvolution2D.Builder(kernel, kernel);
        return layer.nOut(filters).stride(stride, stride).convolutionMode(ConvolutionMode.Same).activation(activation)
                .build();
    }

    /**
     * Refuses {@link #DL4J} for a model with Keras' {@code kerasLayer}, which DL4J 1.0.0-M2.1 has no layer for
     * ({@code why}): one line, before any work.
     */
    public void requireStockTwin(String kerasLayer, String why) {
        if (this == DL4J) {
            throw new IllegalArgumentException("--layers dl4j: DL4J 1.0.0-M2.1 has no layer for Keras' " + kerasLayer
                    + " (" + why + "); run this model with --layers keras");
        }
    }

    /**
     * Gives {@code to} the weights of {@code from}, the same model built with the other choice: layer by layer,
     * each parameter as it is, but the LSTM's, whose gate blocks are moved to the other layer's order.
     */
    public static void copyWeights(MultiLayerNetwork from, MultiLayerNetwork to) {
        if (from.getnLayers() != to.getnLayers()) {
            throw new IllegalArgumentException("The models have " + from.getnLayers() + " and " + to.getnLayers()
                    + " layers");
        }
        for (int i = 0; i < from.getnLayers(); i++) {
            boolean lstm = isLstm(from.getLayerWiseConfigurations().getConf(i).getLayer());
            if (lstm != isLstm(to.getLayerWiseConfigurations().getConf(i).getLayer())) {
                throw new IllegalArgumentException("Layer " + i + " is an LSTM in one model only");
            }
            for (Map.Entry<String, INDArray> param : from.getLayer(i).paramTable().entrySet()) {
                INDArray target = to.getLayer(i).getParam(param.getKey());
                if (target == null || !sameDimensions(target.shape(), param.getValue().shape())) {
                    throw new IllegalArgumentException("Layer " + i + "'s parameter " + param.getKey() + " "
                            + Arrays.toString(param.getValue().shape()) + " has no twin in the other model: "
                            + (target == null ? "none" : Arrays.toString(target.shape())));
                }
                INDArray weights = param.getValue();
                if (lstm) {
                    weights = lstmGatesMoved(from.getLayerWiseConfigurations().getConf(i).getLayer(),
                            weights.reshape(-1, weights.shape()[weights.rank() - 1]));
                }
                target.assign(weights.reshape(target.shape()));
            }
        }
    }

    /** The same dimensions but for those of size one: DL4J's SimpleRnn keeps its bias as [units], Keras' [1, units]. */
    private static boolean sameDimensions(long[] a, long[] b) {
        return Arrays.equals(Arrays.stream(a).filter(d -> d != 1).toArray(), Arrays.stream(b).filter(d -> d != 1).toArray());
    }

    private static boolean isLstm(Layer layer) {
        Layer inner = layer instanceof LastTimeStep wrapper ? wrapper.getUnderlying() : layer;
        return inner instanceof Lstm || inner instanceof LSTM;
    }

    /** {@code weights}' gate blocks (columns of {@code units}) in the other LSTM's order. */
    private static INDArray lstmGatesMoved(Layer from, INDArray weights) {
        long units = weights.size(1) / 4;
        boolean fromKeras = from instanceof Lstm;
        INDArray moved = weights.like();
        for (int gate = 0; gate < 4; gate++) {
            int dl4j = DL4J_BLOCK_OF_KERAS_GATE[gate];
            INDArrayIndex keras = NDArrayIndex.interval(gate * units, (gate + 1) * units);
            INDArrayIndex stock = NDArrayIndex.interval(dl4j * units, (dl4j + 1) * units);
            moved.get(NDArrayIndex.all(), fromKeras ? stock : keras)
                    .assign(weights.get(NDArrayIndex.all(), fromKeras ? keras : stock));
        }
        return moved;
    }

    /** {@code network.init()} from its seed; with this project's layers, plain ReLU becomes {@code JavaRelu}. */
    public MultiLayerNetwork initialise(MultiLayerNetwork network) {
        return this == KERAS ? KerasDefaults.initialise(network) : KerasDefaults.seededInit(network);
    }

    /** {@link #initialise(MultiLayerNetwork)} for a functional model. */
    public ComputationGraph initialise(ComputationGraph graph) {
        return this == KERAS ? KerasDefaults.initialise(graph) : KerasDefaults.seededInit(graph);
    }
}
