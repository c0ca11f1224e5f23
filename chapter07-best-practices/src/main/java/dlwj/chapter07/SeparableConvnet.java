package dlwj.chapter07;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import dlwj.training.ModelSummary;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 7.3.2, "Depthwise separable convolution": the book's small image classifier on 64 x 64 RGB
 * pictures and 10 classes, built from {@code SeparableConv2D} layers (DL4J's {@code SeparableConvolution2D}), and
 * the same model with ordinary convolutions: the separable one has about an eighth of the parameters.
 */
@Command(name = "SeparableConvnet", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.3.2: a convnet of depthwise separable convolutions, its parameters against ordinary ones.")
public final class SeparableConvnet implements Callable<Integer> {

    static final InputType PICTURES = InputType.convolutional(64, 64, 3); // height, width, channels

    public static void main(String[] args) {
        Examples.main(new SeparableConvnet(), args);
    }

    @Override
    public Integer call() {
        MultiLayerNetwork separable = model(SeparableConvnet::separable);
        System.out.print(ModelSummary.of(separable, PICTURES));
        MultiLayerNetwork ordinary = model(SeparableConvnet::conv2D);
        System.out.print(ModelSummary.of(ordinary, PICTURES));
        System.out.printf("parameters: %,d separable, %,d with ordinary convolutions%n", separable.numParams(),
                ordinary.numParams());
        options.record("separable_params", separable.numParams());
        options.record("ordinary_params", ordinary.numParams());
        return 0;
    }

    /**
     * The book's model, its convolutions made by {@code convolution} (filters, kernel size): 32, 64, max pooling,
     * 64, 128, max pooling, 64, 128, all 3x3 with ReLU; {@code GlobalAveragePooling2D}, {@code Dense(32, relu)},
     * {@code Dense(10, softmax)}; rmsprop and categorical cross-entropy.
     */
    public static MultiLayerNetwork model(BiFunction<Integer, Integer, Layer> convolution) {
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.network(1).list()
                .layer(convolution.apply(32, 3))
                .layer(convolution.apply(64, 3))
                .layer(LayerChoice.DL4J.maxPooling2D(2, 2))
                .layer(convolution.apply(64, 3))
                .layer(convolution.apply(128, 3))
                .layer(LayerChoice.DL4J.maxPooling2D(2, 2))
                .layer(convolution.apply(64, 3))
                .layer(convolution.apply(128, 3))
                .layer(KerasDefaults.globalAveragePooling2D())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(KerasDefaults.categoricalCrossentropy()).nOut(10)
                        .activation(Activation.SOFTMAX).build());
        return KerasDefaults.initialise(new MultiLayerNetwork(layers.setInputType(PICTURES).build()));
    }

    /** {@code layers.SeparableConv2D(filters, size, activation='relu')}. */
    private static Layer separable(int filters, int size) {
        return KerasDefaults.separableConv2D(filters, size, Activation.RELU);
    }

    /** {@code layers.Conv2D(filters, size, activation='relu')}. */
    private static Layer conv2D(int filters, int size) {
        return new ConvolutionLayer.Builder(size, size).nOut(filters).activation(Activation.RELU).build();
    }

    // The command line: --quick changes nothing here, where nothing trains

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
