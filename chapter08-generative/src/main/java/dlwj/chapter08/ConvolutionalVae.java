package dlwj.chapter08;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.cli.ResumeOption;
import dlwj.datasets.ImageData;
import dlwj.datasets.Mnist;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import dlwj.training.ModelSummary;
import dlwj.training.Plots;
import dlwj.training.Trainer;
import java.util.concurrent.Callable;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 8.4, "Generating images with variational autoencoders" (notebook 8.4, listings 8.23-8.28): a
 * convolutional VAE with a two-dimensional latent space trained on MNIST's digits, rmsprop, batches of 16, 10 epochs,
 * validated on the test digits (the book's loss / val_loss: 0.2109 / 0.1966 after the first epoch, 0.1794 / 0.1801
 * after the tenth); then figure 8.14, the 15 x 15 digits the decoder draws from a grid of points of the latent plane,
 * as {@code latent-space-digits.png}. An epoch takes minutes on a laptop's CPU: the run saves a checkpoint every
 * epoch, and {@code --resume} goes on from the last one.
 *
 * <p>The model is a DL4J {@code ComputationGraph} with two outputs: the decoded digit, scored against the input by
 * Keras' binary cross-entropy (the mean over the 784 pixels), and the latent distribution's KL divergence ({@link
 * KlDivergenceLoss}), the term Keras' {@code CustomVariationalLayer} adds; DL4J sums the two, Keras' single loss.
 * The sampling is {@link LatentSampling}, with the book's {@code exp(z_log_var)}.
 */
@Command(name = "ConvolutionalVae", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 8.4: a convolutional variational autoencoder on MNIST and the digits of its latent plane.")
public final class ConvolutionalVae implements Callable<Integer> {

    static final int LATENT_DIM = 2; // dimensionality of the latent space: a plane
    static final int DIGIT_SIZE = 28;
    static final InputType IMG_SHAPE = InputType.convolutional(DIGIT_SIZE, DIGIT_SIZE, 1);

    public static void main(String[] args) {
        Examples.main(new ConvolutionalVae(), args);
    }

    @Override
    public Integer call() {
        // Listings 8.23-8.26: encoder, sampling, decoder and the VAE's two losses
        ComputationGraph vae = vae(layers.choice(), options.seed());
        System.out.print(ModelSummary.of(vae, IMG_SHAPE));

        // Listing 8.27: training the VAE on MNIST's digits, scaled to [0, 1] (2,000 and 500 with --quick)
        ImageData mnist = Mnist.loadData(options.dataSource());
        INDArray xTrain = digits(mnist.trainImages(), options.samples((int) mnist.trainImages().size(0), 2_000));
        INDArray xTest = digits(mnist.testImages(), options.samples((int) mnist.testImages().size(0), 500));
        Trainer trainer = new Trainer(vae).seed(options.seed())
                .checkpointed(options.output("vae.checkpoint.zip"), resume.requested());
        History history = trainer.fit(new INDArray[] {xTrain}, targets(xTrain), options.epochs(10),
                options.batchSize(16), new INDArray[] {xTest}, targets(xTest));

        for (int epoch = 1; epoch <= history.epochs(); epoch++) {
            options.record("loss_and_val_loss_epoch_" + epoch, history.get("loss").get(epoch - 1),
                    history.get("val_loss").get(epoch - 1));
        }

        // Listing 8.28: sampling a grid of points from the 2D latent space and decoding them to images
        ComputationGraph decoder = decoderOf((ComputationGraph) trainer.model(), layers.choice());
        int n = 15; // figure with 15x15 digits
        Plots.image(latentSpaceFigure(decoder, n), 1, options.output("latent-space-digits.png"));
        System.out.println("Figure 8.14: " + options.output("latent-space-digits.png"));
        return 0;
    }

    /**
     * Listings 8.23-8.26: the encoder ({@code Conv2D(32, 3, same, relu)}, {@code Conv2D(64, 3, same, relu,
     * strides=2)}, {@code Conv2D(64, 3, same, relu)} x2, {@code Flatten}, {@code Dense(32, relu)}, then {@code
     * z_mean} and {@code z_log_var}, {@code Dense(2)} each), the sampling, the decoder, and the losses: {@code
     * reconstruction} (the decoded digit, flattened, against the input) and {@code kl} ({@code -5e-4} times the
     * mean KL term over the latent dimensions). Its targets: the digits, flattened, and nothing for {@code kl}
     * ({@link #targets}). RMSprop at Keras' defaults.
     */
    public static ComputationGraph vae(LayerChoice layers, long seed) {
        GraphBuilder graph = KerasDefaults.network(seed).graphBuilder()
                .addInputs("input_1")
                .addLayer("conv2d_1", conv2D(32, 1, Activation.RELU), "input_1")
                .addLayer("conv2d_2", conv2D(64, 2, Activation.RELU), "conv2d_1")
                .addLayer("conv2d_3", conv2D(64, 1, Activation.RELU), "conv2d_2")
                .addLayer("conv2d_4", conv2D(64, 1, Activation.RELU), "conv2d_3")
                .addLayer("dense_1", layers.dense(32, Activation.RELU), "conv2d_4")
                .addLayer("z_mean", layers.dense(LATENT_DIM, Activation.IDENTITY), "dense_1")
                .addLayer("z_log_var", layers.dense(LATENT_DIM, Activation.IDENTITY), "dense_1")
                .addVertex("z", new LatentSampling(), "z_mean", "z_log_var");
        String decoded = addDecoder(graph, layers, "z");
        return layers.initialise(new ComputationGraph(graph
                .addLayer("reconstruction", new LossLayer.Builder(KerasDefaults.binaryCrossentropy())
                        .activation(Activation.IDENTITY).build(), new CnnToFeedForwardPreProcessor(28, 28, 1), decoded)
                .addVertex("z_params", new MergeVertex(), "z_mean", "z_log_var")
                .addLayer("kl", new LossLayer.Builder(new KlDivergenceLoss(5e-4)).activation(Activation.IDENTITY)
                        .build(), "z_params")
                .setOutputs("reconstruction", "kl")
                .setInputTypes(IMG_SHAPE)
                .build()));
    }

    /**
     * Listing 8.25, the decoder: {@code Dense(14 * 14 * 64, relu)}, reshaped to 14 x 14 x 64, {@code
     * Conv2DTranspose(32, 3, same, relu, strides=2)} to 28 x 28, {@code Conv2D(1, 3, same, sigmoid)}; its last layer's
     * name returned.
     */
    private static String addDecoder(GraphBuilder graph, LayerChoice layers, String input) {
        graph.addLayer("dense_4", layers.dense(14 * 14 * 64, Activation.RELU), input)
                .addLayer("conv2d_transpose_1",
                        layers.conv2DTranspose(32, 3, 2, Activation.RELU.getActivationFunction()),
                        new FeedForwardToCnnPreProcessor(14, 14, 64), "dense_4")
                .addLayer("conv2d_5", conv2D(1, 1, Activation.SIGMOID), "conv2d_transpose_1");
        return "conv2d_5";
    }

    /** The decoder alone, {@code decoder = Model(decoder_input, x)}, with the trained VAE's weights. */
    public static ComputationGraph decoderOf(ComputationGraph vae, LayerChoice layers) {
        GraphBuilder graph = KerasDefaults.network(0).graphBuilder().addInputs("decoder_input");
        String decoded = addDecoder(graph, layers, "decoder_input");
        ComputationGraph decoder = layers.initialise(new ComputationGraph(graph.setOutputs(decoded)
                .setInputTypes(InputType.feedForward(LATENT_DIM)).build()));
        for (org.deeplearning4j.nn.api.Layer layer : decoder.getLayers()) {
            layer.setParams(vae.getLayer(layer.conf().getLayer().getLayerName()).params());
        }
        return decoder;
    }

    /**
     * Figure 8.14: {@code n x n} digits decoded from the latent points {@code (x_i, y_j)}, both coordinates the
     * standard normal distribution's quantiles at {@code n} steps from 0.05 to 0.95 ({@code norm.ppf}), one row per
     * {@code y}; one grey [1, 28 n, 28 n] picture, values from 0 to 1.
     */
    public static INDArray latentSpaceFigure(ComputationGraph decoder, int n) {
        NormalDistribution normal = new NormalDistribution();
        double[] grid = new double[n];
        for (int i = 0; i < n; i++) {
            grid[i] = normal.inverseCumulativeProbability(0.05 + 0.9 * i / (n - 1));
        }
        INDArray points = Nd4j.create(DataType.FLOAT, (long) n * n, LATENT_DIM);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                points.putScalar(new long[] {(long) i * n + j, 0}, grid[j]);
                points.putScalar(new long[] {(long) i * n + j, 1}, grid[i]);
            }
        }
        INDArray decoded = decoder.output(points)[0].reshape(n, n, DIGIT_SIZE, DIGIT_SIZE);
        return decoded.permute(0, 2, 1, 3).dup('c').reshape(1, (long) n * DIGIT_SIZE, (long) n * DIGIT_SIZE);
    }

    /** {@code x.astype('float32') / 255.}, reshaped to (samples, 1, 28, 28): channels first for DL4J. */
    private static INDArray digits(INDArray images, int count) {
        return images.get(NDArrayIndex.interval(0, count)).reshape(count, 1, DIGIT_SIZE, DIGIT_SIZE)
                .castTo(DataType.FLOAT).divi(255);
    }

    /**
     * The targets of the two outputs: the digits themselves, flattened, for {@code reconstruction}; for {@code kl},
     * zeros that its loss ignores (Keras' {@code fit(x=x_train, y=None)}: DL4J wants an array for each output).
     */
    public static INDArray[] targets(INDArray digits) {
        long samples = digits.size(0);
        return new INDArray[] {digits.reshape(samples, (long) DIGIT_SIZE * DIGIT_SIZE),
                Nd4j.zeros(DataType.FLOAT, samples, 2L * LATENT_DIM)};
    }

    /** {@code Conv2D(filters, 3, padding='same', strides=stride)}. */
    private static ConvolutionLayer conv2D(int filters, int stride, Activation activation) {
        return new ConvolutionLayer.Builder(3, 3).nOut(filters).stride(stride, stride)
                .convolutionMode(ConvolutionMode.Same).activation(activation).build();
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ResumeOption resume = new ResumeOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
