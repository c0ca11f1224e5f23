package dlwj.chapter07;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.training.KerasDefaults;
import dlwj.training.ModelGraph;
import dlwj.training.ModelSummary;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 7.1.4, "Directed acyclic graphs of layers": an Inception module (four branches concatenated on
 * the channels) and two residual connections (the input added to a block's output, as it is when the shapes
 * match, through a strided 1x1 convolution when they do not), each as a functional model on an input of
 * 32 x 32 x 64 (the book leaves the input's shape open). The printed code of the book pads its convolutions
 * 'valid', where the branches' outputs would differ in size and could not be concatenated; every convolution
 * and pooling here pads 'same', as the module needs. Prints each model's summary: the branches and what each
 * layer is connected to.
 */
@Command(name = "DagsOfLayers", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.1.4: an Inception module and residual connections as ComputationGraphs, with their summaries.")
public final class DagsOfLayers implements Callable<Integer> {

    /** The input the book's snippets start from: a 32 x 32 feature map of 64 channels. */
    static final InputType X = InputType.convolutional(32, 32, 64);

    public static void main(String[] args) {
        Examples.main(new DagsOfLayers(), args);
    }

    @Override
    public Integer call() {
        System.out.println("Inception module:");
        System.out.print(ModelSummary.of(inception(), X));
        ModelGraph.plot(ModelGraph.dot(inception(), X), options.output("inception-module.png"));
        InputType residualInput = InputType.convolutional(32, 32, 128);
        System.out.println("Residual connection, identity (the input already has the block's shape):");
        System.out.print(ModelSummary.of(identityResidual(), residualInput));
        ModelGraph.plot(ModelGraph.dot(identityResidual(), residualInput), options.output("residual-identity.png"));
        System.out.println("Residual connection, projected (the block halves the size):");
        System.out.print(ModelSummary.of(projectedResidual(), X));
        ModelGraph.plot(ModelGraph.dot(projectedResidual(), X), options.output("residual-projected.png"));
        return 0;
    }

    /**
     * {@code branch_a = Conv2D(128, 1, activation='relu', strides=2)(x)}; {@code branch_b}: 1x1, then 3x3 stride 2;
     * {@code branch_c = AveragePooling2D(3, strides=2)(x)}, then 3x3; {@code branch_d}: 1x1, 3x3, 3x3 stride 2;
     * {@code output = concatenate([branch_a, branch_b, branch_c, branch_d], axis=-1)}.
     */
    public static ComputationGraph inception() {
        GraphBuilder graph = KerasDefaults.network(1).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("x")
                .addLayer("branch_a", conv(128, 1, 2), "x")
                .addLayer("branch_b_1", conv(128, 1, 1), "x")
                .addLayer("branch_b", conv(128, 3, 2), "branch_b_1")
                .addLayer("branch_c_1", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG)
                        .kernelSize(3, 3).stride(2, 2).build(), "x")
                .addLayer("branch_c", conv(128, 3, 1), "branch_c_1")
                .addLayer("branch_d_1", conv(128, 1, 1), "x")
                .addLayer("branch_d_2", conv(128, 3, 1), "branch_d_1")
                .addLayer("branch_d", conv(128, 3, 2), "branch_d_2")
                .addVertex("output", new MergeVertex(), "branch_a", "branch_b", "branch_c", "branch_d")
                .setOutputs("output");
        return built(graph, X);
    }

    /**
     * {@code y} = three {@code Conv2D(128, 3, activation='relu', padding='same')} on {@code x};
     * {@code y = layers.add([y, x])}.
     */
    public static ComputationGraph identityResidual() {
        GraphBuilder graph = KerasDefaults.network(1).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("x")
                .addLayer("conv_1", conv(128, 3, 1), "x")
                .addLayer("conv_2", conv(128, 3, 1), "conv_1")
                .addLayer("conv_3", conv(128, 3, 1), "conv_2")
                .addVertex("y", new ElementWiseVertex(ElementWiseVertex.Op.Add), "conv_3", "x")
                .setOutputs("y");
        return built(graph, InputType.convolutional(32, 32, 128));
    }

    /**
     * Two {@code Conv2D(128, 3, activation='relu', padding='same')} and {@code MaxPooling2D(2, strides=2)} on
     * {@code x}; {@code residual = Conv2D(128, 1, strides=2, padding='same')(x)}, the input projected to the
     * block's shape; {@code y = layers.add([y, residual])}.
     */
    public static ComputationGraph projectedResidual() {
        GraphBuilder graph = KerasDefaults.network(1).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("x")
                .addLayer("conv_1", conv(128, 3, 1), "x")
                .addLayer("conv_2", conv(128, 3, 1), "conv_1")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build(), "conv_2")
                .addLayer("residual", new ConvolutionLayer.Builder(1, 1).nOut(128).stride(2, 2)
                        .activation(Activation.IDENTITY).build(), "x")
                .addVertex("y", new ElementWiseVertex(ElementWiseVertex.Op.Add), "pool", "residual")
                .setOutputs("y");
        return built(graph, X);
    }

    /** Keras' {@code Conv2D(filters, size, activation='relu', strides=stride)}, padded 'same'. */
    private static ConvolutionLayer conv(int filters, int size, int stride) {
        return new ConvolutionLayer.Builder(size, size).nOut(filters).stride(stride, stride)
                .activation(Activation.RELU).build();
    }

    private static ComputationGraph built(GraphBuilder graph, InputType input) {
        return KerasDefaults.initialise(new ComputationGraph(graph.setInputTypes(input).build()));
    }

    // The command line: --quick changes nothing here, where nothing trains

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
