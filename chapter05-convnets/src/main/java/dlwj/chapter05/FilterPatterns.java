package dlwj.chapter05;

import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.training.LayerChoice;
import dlwj.training.Plots;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 5.4.2, "Visualizing convnet filters" (listings 5.32-5.39): the picture each filter of VGG16
 * responds to most, found by gradient ascent in input space. Starting from grey noise, 40 steps of size 1
 * each add the gradient of the filter's mean activation with respect to the picture, normalised by its
 * root mean square (plus 1e-5); the result is centred, scaled and clipped to a displayable picture. First
 * filter 0 of {@code block3_conv1} is drawn alone at 150x150 (listing 5.38), then a grid per layer of its
 * first 64 filters at 64x64, 5 pixels apart on black, filter {@code i + 8j} at row {@code i}, column
 * {@code j} (listing 5.39). DL4J's
 * networks have no input-gradient call for a hidden layer, so the layers up to the filter's run as a
 * network of their own and the gradient is back-propagated from that layer down to the input.
 */
@Command(name = "FilterPatterns", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 5.4.2: VGG16's filter patterns by gradient ascent: block3_conv1's filter 0, then 8x8 grids "
                + "for block1_conv1..block4_conv1.")
public final class FilterPatterns implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new FilterPatterns(), args);
    }

    @Override
    public Integer call() {
        Path weightsFile = weights.notop(options);
        // Listing 5.32's model: VGG16's convolutional base with ImageNet's weights
        MultiLayerNetwork base = Vgg16ConvBase.fromKerasWeights(LayerChoice.KERAS, weightsFile, PATTERN_SIZE, PATTERN_SIZE);
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(options.seed());

        // Listing 5.38: the pattern filter 0 of block3_conv1 responds to, generate_pattern's default 150x150
        INDArray pattern = displayable(pattern(upTo(base, patternLayer, PATTERN_SIZE), 0, PATTERN_SIZE, steps, random));
        Plots.image(pattern, 255, options.output("filter-" + patternLayer + "-0.png"));

        for (String layer : layers) {
            MultiLayerNetwork upToLayer = upTo(base, layer, size);
            int count = Math.min(filters, (int) upToLayer.output(Nd4j.zeros(DataType.FLOAT, 1, 3, size, size)).size(1));
            long start = System.nanoTime();
            INDArray patterns = Nd4j.create(DataType.FLOAT, count, 3, size, size);
            for (int filter = 0; filter < count; filter++) {
                patterns.putSlice(filter, displayable(pattern(upToLayer, filter, size, steps, random)));
            }
            // Listing 5.39: a grid of all the layer's filter patterns
            Plots.image(grid(patterns), 255, options.output("filters-" + layer + ".png"));
            System.out.printf("%s: %d filters in %.0f s%n", layer, count, (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    /** generate_pattern's default size, that of listing 5.38's single pattern. */
    private static final int PATTERN_SIZE = 150;
    /** Listing 5.39: 8x8 filters, 5 pixels apart. */
    private static final int GRID = 8;
    private static final int MARGIN = 5;

    /**
     * Listing 5.39's {@code results}: the patterns ({@code [n, 3, size, size]}) on black, 5 pixels apart, 8 to a
     * column: filter {@code i + j * 8} at row {@code i}, column {@code j} (numpy's first axis is the rows, so
     * the book's {@code horizontal_start = i * size + i * margin} is a row's). The book fills all 8x8; with fewer
     * filters the grid has as many rows and columns as they fill.
     */
    static INDArray grid(INDArray patterns) {
        int n = (int) patterns.size(0);
        int size = (int) patterns.size(2);
        int rows = Math.min(n, GRID);
        int columns = (n + GRID - 1) / GRID;
        INDArray results = Nd4j.zeros(DataType.FLOAT, 3, rows * size + (rows - 1) * MARGIN,
                columns * size + (columns - 1) * MARGIN);
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID && i + j * GRID < n; j++) {
                int horizontalStart = i * size + i * MARGIN;
                int verticalStart = j * size + j * MARGIN;
                results.get(NDArrayIndex.all(), NDArrayIndex.interval(horizontalStart, horizontalStart + size),
                        NDArrayIndex.interval(verticalStart, verticalStart + size)).assign(patterns.get(point(i + j * GRID)));
            }
        }
        return results;
    }

    /**
     * Listings 5.32-5.36: gradient ascent on the mean activation of {@code filter} of the network's last
     * layer, from grey noise ({@code random() * 20 + 128}), {@code steps} steps of 1 along the gradient
     * normalised by its RMS + 1e-5. Returns the picture, {@code [3, size, size]}, in pixel units.
     */
    static INDArray pattern(MultiLayerNetwork upToLayer, int filter, int size, int steps, Random random) {
        INDArray picture = Nd4j.getExecutioner().exec(new UniformDistribution(
                Nd4j.createUninitialized(DataType.FLOAT, 1, 3, size, size), 0, 1), random).muli(20).addi(128);
        for (int step = 0; step < steps; step++) {
            INDArray gradient = meanActivationGradient(upToLayer, picture, filter);
            double rms = Math.sqrt(gradient.mul(gradient).meanNumber().doubleValue());
            picture.addi(gradient.divi(rms + 1e-5));
        }
        return picture.get(point(0));
    }

    /** The gradient of the mean activation of {@code filter} (of the network's last layer) w.r.t. the input. */
    static INDArray meanActivationGradient(MultiLayerNetwork network, INDArray input, int filter) {
        return LayerRange.inputGradient(network, input, output -> {
            INDArray epsilon = Nd4j.zerosLike(output);
            epsilon.get(NDArrayIndex.all(), point(filter)).assign(1.0 / (output.size(2) * output.size(3)));
            return epsilon;
        });
    }

    /**
     * Listing 5.37's deprocess_image: centred, scaled to a standard deviation of 0.1, shifted to 0.5, clipped,
     * x255, truncated to bytes ({@code astype('uint8')}).
     */
    static INDArray displayable(INDArray picture) {
        INDArray x = picture.dup();
        x.subi(x.meanNumber());
        x.divi(x.std(false, 0, 1, 2).getDouble(0) + 1e-5).muli(0.1).addi(0.5);
        return Transforms.floor(Transforms.min(Transforms.max(x, 0), 1).muli(255), false);
    }

    /** The base's layers up to {@code layer} (inclusive), with their weights, as a network of their own. */
    static MultiLayerNetwork upTo(MultiLayerNetwork base, String layer, int size) {
        for (int i = 0; i < base.getnLayers(); i++) {
            if (layer.equals(base.getLayerWiseConfigurations().getConf(i).getLayer().getLayerName())) {
                return LayerRange.of(base, 0, i, InputType.convolutional(size, size, 3));
            }
        }
        throw new IllegalArgumentException("No layer " + layer + " in the base");
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    Vgg16WeightsOption weights = new Vgg16WeightsOption();

    @Option(names = "--layers", paramLabel = "NAME", split = ",",
            defaultValue = "block1_conv1,block2_conv1,block3_conv1,block4_conv1",
            description = "The layers whose filters to draw (default: ${DEFAULT-VALUE}).")
    List<String> layers;

    @Option(names = "--filters", paramLabel = "N", defaultValue = "64",
            description = "Filters per layer, drawn 8 to a column (default: ${DEFAULT-VALUE}).")
    int filters;

    @Option(names = "--size", paramLabel = "PIXELS", defaultValue = "64",
            description = "Side of each pattern in the grids (default: listing 5.39's ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--pattern", paramLabel = "NAME", defaultValue = "block3_conv1",
            description = "The layer whose filter 0 is drawn alone first, at 150x150 (default: listing 5.38's "
                    + "${DEFAULT-VALUE}).")
    String patternLayer;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "40",
            description = "Gradient ascent steps of size 1 (default: ${DEFAULT-VALUE}).")
    int steps;

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
