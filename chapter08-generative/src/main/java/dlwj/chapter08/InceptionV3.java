package dlwj.chapter08;

import dlwj.datasets.InceptionV3Weights;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.formats.KerasWeightsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * InceptionV3 as Keras' {@code inception_v3.InceptionV3(include_top=False)} builds it, up to {@code mixed5}: the
 * deepest block DeepDream looks at (section 8.2), so the later blocks, which cannot change its loss, are not built.
 * The layers are numbered as Keras creates them ({@code conv2d_1} ... {@code conv2d_50}) and their weights come from
 * Keras' weights file, matched in that order ({@link InceptionV3Weights#layers}).
 *
 * <p>Keras' {@code conv2d_bn} is a convolution without bias, a batch normalisation without scale (epsilon 1e-3) and
 * a ReLU. DeepDream runs the network in inference ({@code K.set_learning_phase(0)}), where the normalisation is a
 * fixed affine map per channel, {@code (x - moving_mean) / sqrt(moving_variance + 1e-3) + beta}: here it is folded
 * into the convolution's kernel and bias, one DL4J {@code ConvolutionLayer} with a ReLU, the same function with one
 * layer instead of three. Keras' average pooling with 'same' padding leaves the padding out of the average, as
 * {@code avgPoolIncludePadInDivisor(false)}.
 *
 * <p>The filter counts are Keras', divided by what the file's first convolution says (32 filters in Keras' file):
 * the tests' stand-in file has every count divided by 16.
 */
final class InceptionV3 {

    /** The blocks built, in order; DeepDream's loss reads mixed2 to mixed5. */
    static final List<String> MIXED = List.of("mixed0", "mixed1", "mixed2", "mixed3", "mixed4", "mixed5");

    private static final double BATCH_NORMALIZATION_EPSILON = 1e-3;

    private final ComputationGraphConfiguration.GraphBuilder graph;
    private final int divisor;
    private int convolutions;
    private int poolings;

    private InceptionV3(int divisor) {
        this.divisor = divisor;
        this.graph = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder().addInputs("input_1");
    }

    /** The network with Keras' weights from {@code kerasWeights} (Keras' file or one in its layout). */
    static ComputationGraph fromKerasWeights(Path kerasWeights) {
        try (KerasWeightsFile file = KerasWeightsFile.open(kerasWeights)) {
            InceptionV3Weights.Layers layers = InceptionV3Weights.layers(file);
            List<String> convolutionLayers = layers.convolutions();
            List<String> normalizationLayers = layers.normalizations();
            if (convolutionLayers.isEmpty()) {
                throw new InvalidDataFileException(kerasWeights.getFileName() + " has no convolution without bias: "
                        + "not InceptionV3's weights");
            }
            long firstFilters = file.shapes(convolutionLayers.get(0)).get(0)[3];
            InceptionV3 builder = new InceptionV3((int) Math.max(1, 32 / firstFilters));
            ComputationGraph network = builder.build();
            if (convolutionLayers.size() < builder.convolutions || normalizationLayers.size() < builder.convolutions) {
                throw new InvalidDataFileException(kerasWeights.getFileName() + " has " + convolutionLayers.size()
                        + " convolutions and " + normalizationLayers.size() + " batch normalisations; InceptionV3 "
                        + "up to mixed5 has " + builder.convolutions + " of each");
            }
            for (int i = 0; i < builder.convolutions; i++) {
                loadFolded(network, "conv2d_" + (i + 1), file.weights(convolutionLayers.get(i)),
                        file.weights(normalizationLayers.get(i)), kerasWeights);
            }
            return network;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Keras' weights from " + kerasWeights + ": " + e.getMessage(), e);
        }
    }

    /** A convolution's kernel and the normalisation after it, as one DL4J convolution with a bias. */
    private static void loadFolded(ComputationGraph network, String name, List<KerasWeightsFile.Weight> convolution,
                                   List<KerasWeightsFile.Weight> normalization, Path file)
            throws InvalidDataFileException {
        INDArray current = network.getLayer(name).getParam("W");
        long[] keras = convolution.get(0).shape(); // (rows, cols, in, out)
        INDArray kernel = Nd4j.create(convolution.get(0).values(), keras, 'c').permute(3, 2, 0, 1).dup('c');
        if (convolution.size() != 1 || normalization.size() != 3 || !Arrays.equals(kernel.shape(), current.shape())) {
            throw new InvalidDataFileException(file.getFileName() + ": " + name + "'s kernel is " + Arrays.toString(keras)
                    + " (rows, cols, in, out), but InceptionV3's is " + Arrays.toString(current.shape())
                    + " (out, in, rows, cols)");
        }
        INDArray[] folded = foldBatchNormalization(kernel, Nd4j.create(normalization.get(0).values()),
                Nd4j.create(normalization.get(1).values()), Nd4j.create(normalization.get(2).values()));
        network.getLayer(name).setParam("W", folded[0]);
        network.getLayer(name).setParam("b", folded[1]);
    }

    /**
     * A convolution's kernel {@code (out, in, rows, cols)} and the inference batch normalisation after it, without
     * scale, as one kernel and bias: {@code W / sqrt(variance + 1e-3)} and {@code beta - mean / sqrt(variance + 1e-3)}
     * per output channel.
     */
    static INDArray[] foldBatchNormalization(INDArray kernel, INDArray beta, INDArray mean, INDArray variance) {
        INDArray scale = Transforms.pow(variance.add(BATCH_NORMALIZATION_EPSILON), -0.5, false);
        INDArray folded = kernel.reshape(kernel.size(0), -1).mulColumnVector(scale.reshape(-1, 1)).reshape(kernel.shape());
        return new INDArray[] {folded, beta.sub(mean.mul(scale)).reshape(1, -1)};
    }

    private ComputationGraph build() {
        // The stem
        String x = conv2dBn("input_1", 32, 3, 3, 2, false);
        x = conv2dBn(x, 32, 3, 3, 1, false);
        x = conv2dBn(x, 64, 3, 3, 1, true);
        x = maxPooling(x);
        x = conv2dBn(x, 80, 1, 1, 1, false);
        x = conv2dBn(x, 192, 3, 3, 1, false);
        x = maxPooling(x);

        // mixed0, mixed1, mixed2: 35 x 35 x 256, 288, 288 for Keras' 299 x 299
        int[] poolFilters = {32, 64, 64};
        for (int i = 0; i < 3; i++) {
            String branch1x1 = conv2dBn(x, 64, 1, 1, 1, true);
            String branch5x5 = conv2dBn(conv2dBn(x, 48, 1, 1, 1, true), 64, 5, 5, 1, true);
            String branch3x3dbl = conv2dBn(conv2dBn(conv2dBn(x, 64, 1, 1, 1, true), 96, 3, 3, 1, true), 96, 3, 3, 1,
                    true);
            String branchPool = conv2dBn(averagePooling(x), poolFilters[i], 1, 1, 1, true);
            x = concatenate(MIXED.get(i), branch1x1, branch5x5, branch3x3dbl, branchPool);
        }

        // mixed3: 17 x 17 x 768
        String branch3x3 = conv2dBn(x, 384, 3, 3, 2, false);
        String branch3x3dbl = conv2dBn(conv2dBn(conv2dBn(x, 64, 1, 1, 1, true), 96, 3, 3, 1, true), 96, 3, 3, 2, false);
        x = concatenate(MIXED.get(3), branch3x3, branch3x3dbl, maxPooling(x));

        // mixed4 (128 filters in the 7 x 7 branches), mixed5 (160): 17 x 17 x 768
        int[] sevenFilters = {128, 160};
        for (int i = 0; i < 2; i++) {
            int f = sevenFilters[i];
            String branch1x1 = conv2dBn(x, 192, 1, 1, 1, true);
            String branch7x7 = conv2dBn(conv2dBn(conv2dBn(x, f, 1, 1, 1, true), f, 1, 7, 1, true), 192, 7, 1, 1, true);
            String branch7x7dbl = conv2dBn(x, f, 1, 1, 1, true);
            branch7x7dbl = conv2dBn(branch7x7dbl, f, 7, 1, 1, true);
            branch7x7dbl = conv2dBn(branch7x7dbl, f, 1, 7, 1, true);
            branch7x7dbl = conv2dBn(branch7x7dbl, f, 7, 1, 1, true);
            branch7x7dbl = conv2dBn(branch7x7dbl, 192, 1, 7, 1, true);
            String branchPool = conv2dBn(averagePooling(x), 192, 1, 1, 1, true);
            x = concatenate(MIXED.get(4 + i), branch1x1, branch7x7, branch7x7dbl, branchPool);
        }

        ComputationGraph network = new ComputationGraph(graph.setOutputs(MIXED.get(2), MIXED.get(3), MIXED.get(4),
                MIXED.get(5)).setInputTypes(InputType.convolutional(299, 299, 3)).build());
        network.init();
        return network;
    }

    /** Keras' {@code conv2d_bn}: the convolution, its normalisation folded in, and a ReLU. */
    private String conv2dBn(String input, int filters, int rows, int cols, int strides, boolean same) {
        String name = "conv2d_" + ++convolutions;
        graph.addLayer(name, new ConvolutionLayer.Builder(rows, cols).stride(strides, strides)
                .nOut(Math.max(1, filters / divisor)).convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                .activation(Activation.RELU).build(), input);
        return name;
    }

    /** {@code MaxPooling2D((3, 3), strides=(2, 2))}. */
    private String maxPooling(String input) {
        String name = "max_pooling2d_" + ++poolings;
        graph.addLayer(name, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX, new int[] {3, 3}, new int[] {2, 2})
                .convolutionMode(ConvolutionMode.Truncate).build(), input);
        return name;
    }

    /** {@code AveragePooling2D((3, 3), strides=(1, 1), padding='same')}, the padding left out of the average. */
    private String averagePooling(String input) {
        String name = "average_pooling2d_" + ++poolings;
        graph.addLayer(name, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG, new int[] {3, 3}, new int[] {1, 1})
                .convolutionMode(ConvolutionMode.Same).avgPoolIncludePadInDivisor(false).build(), input);
        return name;
    }

    /** Keras' {@code layers.concatenate(branches, axis=3)}: the branches' channels one after the other. */
    private String concatenate(String name, String... branches) {
        graph.addVertex(name, new MergeVertex(), branches);
        return name;
    }
}
