package dlwj.chapter05;

import dlwj.training.ExampleOptions;
import dlwj.training.Examples;
import dlwj.training.Plots;
import dlwj.training.book.Vgg16ConvBase;
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
 * root mean square (plus 1e-5); the result is centred, scaled and clipped to a displayable picture. DL4J's
 * networks have no input-gradient call for a hidden layer, so the layers up to the filter's run as a
 * network of their own and the gradient is back-propagated from that layer down to the input.
 */
@Command(name = "FilterPatterns", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 5.4.2: VGG16's filter patterns by gradient ascent; 8x8 grids for block1_conv1..block4_conv1.")
public final class FilterPatterns implements Callable<Integer> {

    @Mixin
    Vgg16WeightsOption weights = new Vgg16WeightsOption();

    @Option(names = "--layers", paramLabel = "NAME", split = ",",
            defaultValue = "block1_conv1,block2_conv1,block3_conv1,block4_conv1",
            description = "The layers whose filters to draw (default: ${DEFAULT-VALUE}).")
    List<String> layers;

    @Option(names = "--filters", paramLabel = "N", defaultValue = "64",
            description = "Filters per layer, drawn 8 per row (default: ${DEFAULT-VALUE}).")
    int filters;

    @Option(names = "--size", paramLabel = "PIXELS", defaultValue = "150",
            description = "Side of the generated pictures (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "40",
            description = "Gradient ascent steps of size 1 (default: ${DEFAULT-VALUE}).")
    int steps;

    @Mixin
    ExampleOptions options = new ExampleOptions();

    public static void main(String[] args) {
        Examples.main(new FilterPatterns(), args);
    }

    @Override
    public Integer call() {
        Path weightsFile = weights.notop(options);
        // Listing 5.32's model: VGG16's convolutional base with ImageNet's weights
        MultiLayerNetwork base = Vgg16ConvBase.fromKerasWeights(weightsFile, size, size);
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(options.seed());
        for (String layer : layers) {
            MultiLayerNetwork upToLayer = upTo(base, layer, size);
            int count = Math.min(filters, (int) upToLayer.output(Nd4j.zeros(DataType.FLOAT, 1, 3, size, size)).size(1));
            long start = System.nanoTime();
            INDArray patterns = Nd4j.create(DataType.FLOAT, count, 3, size, size);
            for (int filter = 0; filter < count; filter++) {
                // Listing 5.38: a pattern for one filter, converted for display (listing 5.37)
                patterns.putSlice(filter, displayable(pattern(upToLayer, filter, size, steps, random)));
            }
            // Listing 5.39: a grid of all the layer's filter patterns
            Path file = Plots.imageGrid(patterns, 8, 1, 255, options.output("filters-" + layer + ".png"));
            System.out.printf("%s: %d filters in %.0f s, wrote %s%n", layer, count, (System.nanoTime() - start) / 1e9,
                    file);
        }
        return 0;
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
        return picture.get(NDArrayIndex.point(0));
    }

    /** The gradient of the mean activation of {@code filter} (of the network's last layer) w.r.t. the input. */
    static INDArray meanActivationGradient(MultiLayerNetwork network, INDArray input, int filter) {
        return LayerRange.inputGradient(network, input, output -> {
            INDArray epsilon = Nd4j.zerosLike(output);
            epsilon.get(NDArrayIndex.all(), NDArrayIndex.point(filter)).assign(1.0 / (output.size(2) * output.size(3)));
            return epsilon;
        });
    }

    /** Listing 5.37's deprocess_image: centred, scaled to a standard deviation of 0.1, shifted to 0.5, clipped, x255. */
    static INDArray displayable(INDArray picture) {
        INDArray x = picture.dup();
        x.subi(x.meanNumber());
        x.divi(x.std(false, 0, 1, 2).getDouble(0) + 1e-5).muli(0.1).addi(0.5);
        return Transforms.min(Transforms.max(x, 0), 1).muli(255);
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
}
