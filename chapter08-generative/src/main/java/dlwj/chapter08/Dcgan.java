package dlwj.chapter08;

import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.LayersOption;
import dlwj.cli.Examples;
import dlwj.datasets.Cifar10;
import dlwj.datasets.ImageData;
import dlwj.datasets.Mnist;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import dlwj.training.ModelFiles;
import dlwj.training.ModelSummary;
import dlwj.training.Plots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 8.5, "Introduction to generative adversarial networks" (notebook 8.5, listings 8.29-8.32): a deep
 * convolutional GAN on CIFAR-10's frogs. The generator turns a point of a 32-dimensional latent space into a 32 x 32
 * picture; the discriminator tells generated pictures (label 1) from real ones (label 0); the adversarial network is
 * the generator followed by the frozen discriminator, trained to make the discriminator say "real". 10,000
 * iterations of 20 pictures, the two losses printed and a generated and a real picture saved every 100 (the book's
 * losses stay near 0.69 and between 0.7 and 0.8).
 *
 * <p>{@code --data mnist} trains the same GAN on MNIST's sixes, padded to 32 x 32, one channel: not the book's data,
 * a stand-in where CIFAR-10 cannot be had. An iteration takes seconds on a CPU; {@code --iterations} sets fewer.
 */
@Command(name = "Dcgan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 8.5: a deep convolutional GAN drawing CIFAR-10's frogs (or MNIST's sixes).")
public final class Dcgan implements Callable<Integer>, CheckedOptions {

    static final int LATENT_DIM = 32;
    static final int HEIGHT = 32;
    static final int WIDTH = 32;
    static final int FROGS = 6; // CIFAR-10's class 6; MNIST's sixes for --data mnist

    /** The number of the generator's layers at the start of {@link #gan}. */
    private static final int GENERATOR_SIZE = generatorLayers(1, LayerChoice.KERAS).size();

    public static void main(String[] args) {
        Examples.main(new Dcgan(), args);
    }

    @Override
    public Integer call() {
        // Listing 8.32: the frogs of CIFAR-10, scaled to [0, 1] (the sixes of MNIST with --data mnist)
        INDArray xTrain = data.equals("mnist") ? paddedSixes(Mnist.loadData(options.dataSource()))
                : frogs(Cifar10.loadData(options.dataSource()));
        String name = data.equals("mnist") ? "six" : "frog";
        String plural = data.equals("mnist") ? "sixes" : "frogs";
        int batchSize = options.batchSize(20);
        if (xTrain.size(0) < batchSize) {
            throw new IllegalArgumentException("The data holds " + xTrain.size(0) + " pictures of class " + FROGS
                    + ", fewer than a batch of " + batchSize);
        }
        int channels = (int) xTrain.size(1);

        // Listings 8.29-8.31: the generator, the discriminator, and the adversarial network
        AdversarialTraining training = new AdversarialTraining(discriminator(channels, options.seed()),
                gan(channels, layers.choice(), options.seed()));
        System.out.print(ModelSummary.of(training.gan(), InputType.feedForward(LATENT_DIM)));

        // Listing 8.32: the training loop
        int iterations = this.iterations != null ? this.iterations : options.quick() ? 4 : 10_000;
        int every = options.quick() ? 1 : 100;
        List<Double> discriminatorLosses = new ArrayList<>();
        List<Double> adversarialLosses = new ArrayList<>();
        Nd4j.getRandom().setSeed(options.seed());
        int start = 0;
        for (int step = 0; step < iterations; step++) {
            INDArray realImages = xTrain.get(NDArrayIndex.interval(start, start + batchSize));
            AdversarialTraining.Step result = training.step(realImages);
            discriminatorLosses.add(result.discriminatorLoss());
            adversarialLosses.add(result.adversarialLoss());

            start += batchSize;
            if (start > xTrain.size(0) - batchSize) {
                start = 0;
            }

            // Occasionally save the weights, print the losses, save a generated and a real picture
            if (step % every == 0) {
                ModelFiles.save(training.gan(), options.output("gan.zip"));
                System.out.println("discriminator loss at step " + step + ": " + result.discriminatorLoss());
                System.out.println("adversarial loss at step " + step + ": " + result.adversarialLoss());
                Plots.image(result.generatedImages().get(NDArrayIndex.point(0)), 1,
                        options.output("generated_" + name + step + ".png"));
                Plots.image(realImages.get(NDArrayIndex.point(0)), 1, options.output("real_" + name + step + ".png"));
            }
        }

        Map<String, List<Double>> losses = new LinkedHashMap<>();
        losses.put("Discriminator", discriminatorLosses);
        losses.put("Adversarial", adversarialLosses);
        Plots.lines(losses, "GAN losses", "Iterations", "Loss", options.output(name + "-gan-losses.png"));
        options.record("discriminator_and_adversarial_loss_last_100", mean(discriminatorLosses, 100),
                mean(adversarialLosses, 100));
        // Sample random points in the latent space and decode them: 10 pictures, as the notebook's last cell
        Plots.imageGrid(generate(training.gan(), Nd4j.randn(DataType.FLOAT, 10, LATENT_DIM)), 5, 4, 1,
                options.output("generated-" + plural + ".png"));
        System.out.println("Losses: " + options.output(name + "-gan-losses.png") + "; generated pictures: "
                + options.output("generated-" + plural + ".png"));
        return 0;
    }

    @Override
    public void checkOptions() {
        CheckedOptions.requireOneOf("--data", data, "cifar10, mnist");
        CheckedOptions.requireAtLeast("--iterations", iterations, 1);
    }

    /**
     * Listing 8.29, the generator: {@code Dense(128 * 16 * 16)}, LeakyReLU, reshape to 16 x 16 x 128, {@code
     * Conv2D(256, 5, same)}, {@code Conv2DTranspose(256, 4, strides=2, same)} to 32 x 32, {@code Conv2D(256, 5, same)}
     * x2, each with LeakyReLU, and {@code Conv2D(channels, 7, tanh, same)}.
     */
    static List<Layer> generatorLayers(int channels, LayerChoice layers) {
        return List.of(
                new DenseLayer.Builder().nOut(128 * 16 * 16).activation(KerasDefaults.leakyRelu()).build(),
                conv(256, 5, 1, ConvolutionMode.Same).build(),
                layers.conv2DTranspose(256, 4, 2, KerasDefaults.leakyRelu()),
                conv(256, 5, 1, ConvolutionMode.Same).build(),
                conv(256, 5, 1, ConvolutionMode.Same).build(),
                conv(channels, 7, 1, ConvolutionMode.Same).activation(Activation.TANH).build());
    }

    /**
     * Listing 8.30, the discriminator: {@code Conv2D(128, 3)}, {@code Conv2D(128, 4, strides=2)} x3, each with
     * LeakyReLU, {@code Flatten}, {@code Dropout(0.4)}, {@code Dense(1, sigmoid)}, binary cross-entropy.
     */
    static List<Layer> discriminatorLayers() {
        return List.of(
                conv(128, 3, 1, ConvolutionMode.Truncate).build(),
                conv(128, 4, 2, ConvolutionMode.Truncate).build(),
                conv(128, 4, 2, ConvolutionMode.Truncate).build(),
                conv(128, 4, 2, ConvolutionMode.Truncate).build(),
                new DropoutLayer.Builder(0.6).build(), // Keras' Dropout(0.4); DL4J takes the keep probability
                new OutputLayer.Builder(KerasDefaults.binaryCrossentropy()).nOut(1).activation(Activation.SIGMOID)
                        .build());
    }

    /** The discriminator, {@code RMSprop(lr=0.0008, clipvalue=1.0, decay=1e-8)}. */
    public static MultiLayerNetwork discriminator(int channels, long seed) {
        NeuralNetConfiguration.ListBuilder list = KerasDefaults.clipValue(KerasDefaults.network(seed)
                .updater(KerasDefaults.rmsprop(0.0008, 1e-8)), 1.0).list();
        discriminatorLayers().forEach(list::layer);
        MultiLayerNetwork network = new MultiLayerNetwork(list.setInputType(InputType.convolutional(HEIGHT, WIDTH,
                channels)).build());
        network.init();
        return network;
    }

    /**
     * Listing 8.31, the adversarial network {@code gan = Model(gan_input, discriminator(generator(gan_input)))}, with
     * {@code RMSprop(lr=0.0004, clipvalue=1.0, decay=1e-8)} and {@code discriminator.trainable = False}. DL4J cannot
     * share layers between two networks, so the generator's layers live here (the pictures come from them) and the
     * discriminator's are a copy that {@link #copyDiscriminatorInto} refreshes before each generator step. They are
     * frozen by a learning rate of zero ({@code Sgd(0)}): the loss' gradient goes through them to the generator,
     * their weights stay, and their dropout stays on, as in Keras (DL4J's {@code FrozenLayerWithBackprop} would
     * switch it off; its {@code NoOp} updater is not a freeze but applies the raw gradient).
     */
    public static MultiLayerNetwork gan(int channels, LayerChoice layers, long seed) {
        NeuralNetConfiguration.ListBuilder list = KerasDefaults.clipValue(KerasDefaults.network(seed)
                .updater(KerasDefaults.rmsprop(0.0004, 1e-8)), 1.0).list();
        generatorLayers(channels, layers).forEach(list::layer);
        list.inputPreProcessor(1, new FeedForwardToCnnPreProcessor(16, 16, 128));
        for (Layer layer : discriminatorLayers()) {
            if (layer instanceof BaseLayer withWeights) {
                withWeights.setIUpdater(new Sgd(0));
                withWeights.setBiasUpdater(new Sgd(0));
            }
            list.layer(layer);
        }
        MultiLayerNetwork network = new MultiLayerNetwork(list.setInputType(InputType.feedForward(LATENT_DIM)).build());
        network.init();
        return network;
    }


    /** {@code generator.predict(randomLatentVectors)}: the generator's layers of {@code gan}, in inference. */
    static INDArray generate(MultiLayerNetwork gan, INDArray randomLatentVectors) {
        return gan.feedForwardToLayer(GENERATOR_SIZE - 1, randomLatentVectors, false).get(GENERATOR_SIZE);
    }

    /** The discriminator's current weights into {@code gan}'s frozen copy of it. */
    static void copyDiscriminatorInto(MultiLayerNetwork gan, MultiLayerNetwork discriminator) {
        for (int i = 0; i < discriminator.getnLayers(); i++) {
            if (discriminator.getLayer(i).numParams() > 0) {
                gan.getLayer(GENERATOR_SIZE + i).setParams(discriminator.getLayer(i).params());
            }
        }
    }

    private static ConvolutionLayer.Builder conv(int filters, int size, int stride, ConvolutionMode mode) {
        return new ConvolutionLayer.Builder(size, size).nOut(filters).stride(stride, stride).convolutionMode(mode)
                .activation(KerasDefaults.leakyRelu());
    }

    /** {@code x_train[y_train.flatten() == 6]}, channels first for DL4J, {@code / 255.}. */
    static INDArray frogs(ImageData cifar) {
        INDArray pictures = ofClass(cifar.trainImages(), cifar.trainLabels());
        return pictures.permute(0, 3, 1, 2).dup('c');
    }

    /** MNIST's sixes, each in the middle of a 32 x 32 black picture, one channel, {@code / 255.}. */
    static INDArray paddedSixes(ImageData mnist) {
        INDArray digits = ofClass(mnist.trainImages(), mnist.trainLabels());
        INDArray padded = Nd4j.zeros(DataType.FLOAT, digits.size(0), 1, HEIGHT, WIDTH);
        padded.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.interval(2, 30),
                NDArrayIndex.interval(2, 30)).assign(digits);
        return padded;
    }

    /** The pictures of class {@link #FROGS}, as floats from 0 to 1. */
    private static INDArray ofClass(INDArray pictures, INDArray labels) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(0); i++) {
            if (labels.getInt(i) == FROGS) {
                rows.add(i);
            }
        }
        long[] shape = pictures.shape().clone();
        shape[0] = rows.size();
        INDArray selected = Nd4j.create(DataType.FLOAT, shape);
        for (int i = 0; i < rows.size(); i++) {
            selected.get(NDArrayIndex.point(i)).assign(pictures.get(NDArrayIndex.point(rows.get(i))));
        }
        return selected.divi(255);
    }

    private static double mean(List<Double> values, int last) {
        return values.subList(Math.max(0, values.size() - last), values.size()).stream()
                .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    // The command line: the book's settings unless told otherwise

    @Option(names = "--data", defaultValue = "cifar10", paramLabel = "cifar10|mnist",
            description = "cifar10, the book's frogs, or mnist: MNIST's sixes padded to 32 x 32, a stand-in "
                    + "(default: cifar10).")
    String data;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Training iterations (default: the book's 10,000; 4 with --quick).")
    Integer iterations;

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
