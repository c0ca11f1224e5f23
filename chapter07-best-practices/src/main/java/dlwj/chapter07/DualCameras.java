package dlwj.chapter07;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.training.KerasDefaults;
import dlwj.training.SharedWeights;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.zoo.model.Xception;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 7.1.6, "Models as layers": one Xception convolutional base (DL4J's zoo model, without weights and
 * without its classifier, as {@code applications.Xception(weights=None, include_top=False)}) looks at the pictures of
 * a left and a right camera, and their features are concatenated on the channels, as a stereo model would start.
 * {@link SharedWeights#model} calls the base on both inputs with one set of weights. Prints the parameter counts and
 * the features of one random pair of 250 x 250 pictures, and checks that a picture gives the same features on
 * either camera.
 */
@Command(name = "DualCameras", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.1.6: one Xception base called as a layer on a left and a right camera, one set of weights.")
public final class DualCameras implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new DualCameras(), args);
    }

    @Override
    public Integer call() {
        // xception_base = applications.Xception(weights=None, include_top=False)
        ComputationGraphConfiguration xceptionBase = xception(size, options.seed());
        ComputationGraph model = model(xceptionBase, size, options.seed());
        ComputationGraph xception = new ComputationGraph(xceptionBase);
        xception.init();
        long baseParams = xception.numParams() - xception.getLayer("predictions").numParams(); // include_top=False
        System.out.printf("Xception base: %,d parameters; the two-camera model: %,d (one base, shared)%n",
                baseParams, model.numParams());
        options.record("base_params", baseParams);
        options.record("model_params", model.numParams());

        // One pair of pictures; the left one again on both cameras
        Nd4j.getRandom().setSeed(options.seed());
        INDArray left = Nd4j.rand(DataType.FLOAT, 1, 3, size, size);
        INDArray right = Nd4j.rand(DataType.FLOAT, 1, 3, size, size);
        INDArray mergedFeatures = model.outputSingle(false, left, right);
        INDArray sameTwice = model.outputSingle(false, left, left.dup());
        long channels = sameTwice.size(1) / 2;
        double difference = sameTwice.get(NDArrayIndex.all(), NDArrayIndex.interval(0, channels))
                .distance1(sameTwice.get(NDArrayIndex.all(), NDArrayIndex.interval(channels, 2 * channels)));
        System.out.printf("merged_features: %s (channels first); the same picture on both cameras: features "
                + "differing by %.1g in all, float rounding%n", Arrays.toString(mergedFeatures.shape()), difference);
        options.record("feature_difference_same_picture", difference);
        return 0;
    }

    /** Xception as DL4J's zoo builds it for {@code size x size} RGB pictures, Keras' glorot_uniform weights. */
    static ComputationGraphConfiguration xception(int size, long seed) {
        return Xception.builder().seed(seed).inputShape(new int[] {3, size, size}).numClasses(2)
                .weightInit(WeightInit.XAVIER_UNIFORM).updater(KerasDefaults.rmsprop()).build().graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(size, size, 3)).build();
    }

    /**
     * {@code left_input = Input(shape=(250, 250, 3))}, {@code right_input = Input(shape=(250, 250, 3))},
     * {@code left_features = xception_base(left_input)}, {@code right_features = xception_base(right_input)},
     * {@code merged_features = concatenate([left_features, right_features], axis=-1)}.
     */
    static ComputationGraph model(ComputationGraphConfiguration xceptionBase, int size, long seed) {
        GraphBuilder graph = KerasDefaults.network(seed).graphBuilder().addInputs("left_input", "right_input");
        List<String> features = SharedWeights.model(graph, "xception", xceptionBase, "block14_sepconv2_act",
                "left_input", "right_input");
        return KerasDefaults.initialise(new ComputationGraph(graph
                .addVertex("merged_features", new MergeVertex(), features.toArray(String[]::new))
                .setOutputs("merged_features")
                .setInputTypes(InputType.convolutional(size, size, 3), InputType.convolutional(size, size, 3))
                .build()));
    }

    // The command line: the book's settings unless told otherwise

    @Option(names = "--size", paramLabel = "PIXELS", defaultValue = "250",
            description = "The pictures' height and width (default: ${DEFAULT-VALUE}, the book's; Xception needs 71 or more).")
    int size;

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
