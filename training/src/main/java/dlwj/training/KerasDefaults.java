package dlwj.training;

import dlwj.keras.KerasOrthogonal;
import dlwj.keras.KerasRmsProp;
import dlwj.keras.layers.Embedding;
import dlwj.keras.layers.JavaRelu;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The defaults of Keras 2.0.8, the version the book's notebooks ran, defined once. DL4J's differ and
 * silently change the book's results: its {@code new RmsProp()} has a learning rate of 0.1 (Keras: 0.001)
 * and starts its accumulator at epsilon (Keras: 0; {@link KerasRmsProp} is Keras' and 5x faster), its
 * default weight initialisation is not {@code glorot_uniform}, its binary cross-entropy clips
 * probabilities at 1e-5 and its categorical cross-entropy at 1e-10 (Keras: 1e-7 for both). Its recurrent
 * and embedding layers differ too: see {@link #embedding}; Keras' SimpleRNN, LSTM and GRU are
 * {@link dlwj.keras.layers.SimpleRnn}, {@link dlwj.keras.layers.Lstm} and {@link dlwj.keras.layers.Gru},
 * with Keras' defaults as their own.
 */
public final class KerasDefaults {

    /** Keras' backend epsilon, {@code K.epsilon()}: where the cross-entropies clip probabilities. */
    public static final double EPSILON = 1e-7;

    /**
     * RMSprop's own epsilon in Keras 2.0.8, {@code RMSprop(epsilon=1e-8)}; from Keras 2.1.3 on it defaults to
     * {@code K.epsilon()}, 1e-7, but the book ran 2.0.8.
     */
    public static final double RMSPROP_EPSILON = 1e-8;

    private KerasDefaults() {
    }

    /** {@code optimizer='rmsprop'}: learning rate 0.001, rho 0.9, epsilon 1e-8. */
    public static KerasRmsProp rmsprop() {
        return rmsprop(1e-3);
    }

    /** {@code optimizers.RMSprop(lr=learningRate)}, the other settings Keras' defaults. */
    public static KerasRmsProp rmsprop(double learningRate) {
        return new KerasRmsProp(learningRate, 0.9, RMSPROP_EPSILON);
    }

    /**
     * {@code optimizers.RMSprop(lr=learningRate, decay=decay)}: Keras lowers the rate each update to {@code lr / (1 +
     * decay * iterations)}, DL4J's {@code InverseSchedule} with power 1. (Keras' {@code clipvalue} is the network's
     * {@link #clipValue}.)
     */
    public static KerasRmsProp rmsprop(double learningRate, double decay) {
        KerasRmsProp rmsprop = rmsprop(learningRate);
        rmsprop.setLearningRateSchedule(new InverseSchedule(ScheduleType.ITERATION, learningRate, decay, 1));
        return rmsprop;
    }

    /**
     * An optimizer's {@code clipvalue=threshold}: each gradient element clipped to {@code [-threshold, threshold]}
     * before the update. DL4J clips the batch's mean gradient, as Keras does (its updater divides by the batch
     * first).
     */
    public static NeuralNetConfiguration.Builder clipValue(NeuralNetConfiguration.Builder network, double threshold) {
        return network.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(threshold);
    }

    /** {@code layers.LeakyReLU()}: slope 0.3 below zero, Keras' default alpha (DL4J's {@code LEAKYRELU}: 0.01). */
    public static IActivation leakyRelu() {
        return new ActivationLReLU(0.3);
    }

    /**
     * {@code regularizers.l2(coefficient)}: adds {@code coefficient * sum(w^2)} to the loss. DL4J's
     * {@code L2Regularization(k)} adds {@code k/2 * sum(w^2)} (its gradient is {@code k * w}), so Keras'
     * coefficient is doubled; {@code .l2(0.001)} on a DL4J layer would be Keras' {@code l2(0.0005)}.
     */
    public static Regularization l2(double coefficient) {
        return new L2Regularization(2 * coefficient);
    }

    /** {@code regularizers.l1(coefficient)}: adds {@code coefficient * sum(|w|)} to the loss, as DL4J's L1 does. */
    public static Regularization l1(double coefficient) {
        return new L1Regularization(coefficient);
    }

    /** {@code loss='binary_crossentropy'}, clipped as Keras clips it, on a sigmoid output or any other. */
    public static LossBinaryXENT binaryCrossentropy() {
        return new KerasBinaryCrossentropy(EPSILON);
    }

    /** {@code loss='categorical_crossentropy'} on a softmax output, clipped as Keras clips it. */
    public static LossMCXENT categoricalCrossentropy() {
        return new KerasCategoricalCrossentropy(EPSILON);
    }

    /** {@code loss='sparse_categorical_crossentropy'}: integer labels, clipped as Keras clips it. */
    public static LossSparseMCXENT sparseCategoricalCrossentropy() {
        return new LossSparseMCXENT(EPSILON, null);
    }

    /**
     * {@link #seededInit}, with {@link JavaRelu} in place of plain ReLU: the same function with a faster backward
     * pass. ({@code LayerChoice.DL4J} keeps DL4J's ReLU.)
     */
    public static MultiLayerNetwork initialise(MultiLayerNetwork network) {
        network.getLayerWiseConfigurations().getConfs().forEach(layer -> useJavaRelu(layer.getLayer()));
        return seededInit(network);
    }

    /** {@link #initialise(MultiLayerNetwork)} for a functional model. */
    public static ComputationGraph initialise(ComputationGraph graph) {
        graph.getConfiguration().getVertices().values().stream().filter(LayerVertex.class::isInstance)
                .forEach(vertex -> useJavaRelu(((LayerVertex) vertex).getLayerConf().getLayer()));
        return seededInit(graph);
    }

    private static void useJavaRelu(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof BaseLayer base && JavaRelu.replaces(base.getActivationFn())) {
            base.setActivationFn(new JavaRelu());
        }
    }

    /**
     * {@code network.init()} from the configuration's seed, as Keras' seeded initialisers give the same
     * weights for the same seed. DL4J 1.0.0-M2.1's {@code init()} never applies the seed (its re-seeding is
     * switched off), so without this the same seed gives other weights in every run, and a second model in
     * the same run other weights than the first.
     */
    public static MultiLayerNetwork seededInit(MultiLayerNetwork network) {
        Nd4j.getRandom().setSeed(network.getDefaultConfiguration().getSeed());
        network.init();
        return network;
    }

    /** {@link #seededInit(MultiLayerNetwork)} for a functional model. */
    public static ComputationGraph seededInit(ComputationGraph graph) {
        Nd4j.getRandom().setSeed(graph.getConfiguration().getDefaultConfiguration().getSeed());
        graph.init();
        return graph;
    }

    /**
     * A network configuration with Keras' defaults: {@code glorot_uniform} weights, zero biases, RMSprop
     * (lr 0.001), and {@code seed} for reproducible initialisation.
     */
    public static NeuralNetConfiguration.Builder network(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0)
                .updater(rmsprop())
                .cacheMode(CacheMode.DEVICE);
    }

    /**
     * Keras' {@code Orthogonal()} initialiser, the {@code recurrent_initializer} of its recurrent layers, over the
     * weights' whole shape: a [units, k units] recurrent kernel gets orthonormal rows, as Keras' does (not one
     * orthogonal block per gate). {@link KerasOrthogonal}; DL4J's {@code OrthogonalDistribution} hangs in its SVD.
     */
    public static IWeightInit orthogonal() {
        return new KerasOrthogonal();
    }

    /**
     * {@code layers.Embedding(inputDim, outputDim)}: {@link Embedding} (DL4J's {@code EmbeddingSequenceLayer} with a
     * faster backward pass), its builder given Keras' defaults:
     * embeddings uniform in [-0.05, 0.05] (Keras' {@code 'uniform'}; DL4J: the network's initialisation), no bias
     * and no activation (DL4J applies the network's activation, sigmoid unless set, to the looked-up vectors),
     * sequences of any length (DL4J declares length 1). Add {@code .inputLength(maxlen)} for Keras'
     * {@code input_length}, which {@code Flatten} needs.
     */
    public static EmbeddingSequenceLayer.Builder embedding(int inputDim, int outputDim) {
        return embedding(new Embedding.Builder(), inputDim, outputDim);
    }

    /** {@code builder} (DL4J's {@code EmbeddingSequenceLayer}'s, or {@link Embedding}'s) given Keras' defaults. */
    static EmbeddingSequenceLayer.Builder embedding(EmbeddingSequenceLayer.Builder builder, int inputDim,
                                                    int outputDim) {
        return builder
                .nIn(inputDim)
                .nOut(outputDim)
                .hasBias(false)
                .activation(Activation.IDENTITY)
                .inputLength(-1)
                .weightInit(new WeightInitDistribution(new UniformDistribution(-0.05, 0.05)));
    }

    /**
     * Keras 2.0.8's {@code LSTM(units)} reading {@code inputs} features, as DL4J's own {@code LSTM}: tanh, the
     * gates on the hard sigmoid (Keras' {@code recurrent_activation}, the same formula), the kernel
     * {@code glorot_uniform} over its whole [inputs, 4 units] shape, the recurrent kernel orthogonal, the forget
     * gate's bias one, the others zero; sequences in DL4J's [batch, features, steps] layout.
     */
    public static LSTM.Builder lstm(int inputs, int units) {
        return new LSTM.Builder()
                .nOut(units)
                .activation(Activation.TANH)
                .gateActivationFunction(Activation.HARDSIGMOID)
                .weightInit(glorotUniform(inputs, 4 * units))
                .weightInitRecurrent(orthogonal())
                .biasInit(0)
                .forgetGateBiasInit(1)
                .dataFormat(RNNFormat.NCW);
    }

    /** Keras 2.0.8's {@code SimpleRNN(units)} reading {@code inputs} features, as DL4J's own {@code SimpleRnn}. */
    public static SimpleRnn.Builder simpleRnn(int inputs, int units) {
        return new SimpleRnn.Builder()
                .nOut(units)
                .activation(Activation.TANH)
                .weightInit(glorotUniform(inputs, units))
                .weightInitRecurrent(orthogonal())
                .biasInit(0)
                .dataFormat(RNNFormat.NCW);
    }

    /** Keras' {@code glorot_uniform} for a kernel of [fanIn, fanOut], whatever fans DL4J would count. */
    private static IWeightInit glorotUniform(int fanIn, int fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return new WeightInitDistribution(new UniformDistribution(-limit, limit));
    }

    /**
     * {@code layers.Conv1D(filters, kernelSize, activation=activation)}: DL4J's {@code Convolution1DLayer}, valid
     * padding and stride 1 as Keras', its kernel {@code glorot_uniform} over (kernel size x input channels,
     * kernel size x filters) as Keras' is, its bias zero, over DL4J's sequence layout [batch, channels, steps].
     */
    public static Convolution1DLayer.Builder conv1D(int filters, int kernelSize, Activation activation) {
        return new Convolution1DLayer.Builder(kernelSize)
                .nOut(filters)
                .activation(activation)
                .convolutionMode(ConvolutionMode.Truncate)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0);
    }

    /** {@code layers.MaxPooling1D(poolSize)}: windows of {@code poolSize} steps, as many apart (Keras' strides). */
    public static Subsampling1DLayer maxPooling1D(int poolSize) {
        return new Subsampling1DLayer.Builder(SubsamplingLayer.PoolingType.MAX, poolSize, poolSize)
                .convolutionMode(ConvolutionMode.Truncate)
                .build();
    }

    /** {@code layers.GlobalMaxPooling1D()}: each channel's largest value over the steps, [batch, channels]. */
    public static GlobalPoolingLayer globalMaxPooling1D() {
        return new GlobalPoolingLayer.Builder(PoolingType.MAX).build();
    }

    /** {@code layers.GlobalAveragePooling2D()}: each channel's mean over the picture, [batch, channels]. */
    public static GlobalPoolingLayer globalAveragePooling2D() {
        return new GlobalPoolingLayer.Builder(PoolingType.AVG).build();
    }

    /**
     * {@code layers.BatchNormalization()} with Keras 2.0.8's defaults: the moving mean and variance kept with
     * momentum 0.99 (DL4J's {@code decay}; its default is 0.9) and epsilon 1e-3 (DL4J's default: 1e-5); gamma
     * starts at one and beta at zero, as in both. DL4J counts the moving statistics among the parameters; Keras
     * lists them as non-trainable, and so does {@link ModelSummary}.
     */
    public static BatchNormalization batchNormalization() {
        return new BatchNormalization.Builder().decay(0.99).eps(1e-3).build();
    }

    /**
     * {@code layers.SeparableConv2D(filters, kernelSize, activation=activation)}: DL4J's
     * {@code SeparableConvolution2D}, a depthwise convolution per input channel (depth multiplier 1) then a
     * pointwise 1x1 one, valid padding and stride 1 as Keras', the kernels {@code glorot_uniform}, the bias zero.
     */
    public static SeparableConvolution2D separableConv2D(int filters, int kernelSize, Activation activation) {
        return new SeparableConvolution2D.Builder(kernelSize, kernelSize)
                .nOut(filters)
                .depthMultiplier(1)
                .activation(activation)
                .convolutionMode(ConvolutionMode.Truncate)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0)
                .build();
    }
}
