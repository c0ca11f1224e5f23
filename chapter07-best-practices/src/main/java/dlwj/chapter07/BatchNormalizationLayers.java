package dlwj.chapter07;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.training.KerasDefaults;
import dlwj.training.ModelSummary;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 7.3.1, "Batch normalization": a {@code BatchNormalization} layer after a convolution and after a
 * dense layer, with Keras 2.0.8's defaults ({@link KerasDefaults#batchNormalization()}: momentum 0.99, epsilon
 * 1e-3). Each layer learns a scale and an offset per channel and keeps a moving mean and variance: four numbers
 * a channel, of which Keras counts two as non-trainable, as the summaries show.
 */
@Command(name = "BatchNormalizationLayers", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.3.1: BatchNormalization after a convolution and after a dense layer, with Keras' defaults.")
public final class BatchNormalizationLayers implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new BatchNormalizationLayers(), args);
    }

    @Override
    public Integer call() {
        // conv_model.add(layers.Conv2D(32, 3, activation='relu')); conv_model.add(layers.BatchNormalization())
        System.out.print(ModelSummary.of(convModel(), InputType.convolutional(28, 28, 1)));
        // dense_model.add(layers.Dense(32, activation='relu')); dense_model.add(layers.BatchNormalization())
        System.out.print(ModelSummary.of(denseModel(), InputType.feedForward(64)));
        return 0;
    }

    /** A convolution of 32 filters on 28 x 28 grey pictures, then batch normalization of its 32 channels. */
    public static MultiLayerNetwork convModel() {
        return KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build())
                .layer(KerasDefaults.batchNormalization())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build()));
    }

    /** {@code Dense(32, relu)} on 64 inputs, then batch normalization of its 32 outputs. */
    public static MultiLayerNetwork denseModel() {
        return KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(1).list()
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(KerasDefaults.batchNormalization())
                .setInputType(InputType.feedForward(64))
                .build()));
    }

    // The command line: --quick changes nothing here, where nothing trains

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
