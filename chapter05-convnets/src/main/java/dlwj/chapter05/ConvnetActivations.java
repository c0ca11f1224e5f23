package dlwj.chapter05;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.training.ModelFiles;
import dlwj.training.ModelSummary;
import dlwj.training.NumpyNames;
import dlwj.training.Plots;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 5.4.1, "Visualizing intermediate activations" (listings 5.25-5.31, figures 5.27-5.29): the
 * small convnet trained in 5.2 looks at one cat picture it never trained on; two channels of its first layer
 * are drawn on their own ({@code plt.matshow}), then every channel of each of its first eight layers (the
 * four convolutions and four poolings), 16 channels per row, each normalised as the book does for display;
 * all in matplotlib's default colour map, viridis.
 */
@Command(name = "ConvnetActivations", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 5.4.1: every channel of the small convnet's first eight layers for one cat picture.")
public final class ConvnetActivations implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new ConvnetActivations(), args);
    }

    @Override
    public Integer call() {
        Path modelFile = model != null ? model
                : pictures.savedModel(options, "cats_and_dogs_small_2.zip", "cats_and_dogs_small_1.zip");
        MultiLayerNetwork network = ModelFiles.loadMultiLayerNetwork(modelFile);
        System.out.print(ModelSummary.of(network, InputType.convolutional(PictureOptions.SIZE, PictureOptions.SIZE, 3)));

        // Listing 5.25: preprocessing a single picture, a cat the network did not train on
        INDArray picture = PictureOptions.asInput(pictures.unseenCat(options));
        // Listing 5.26: displaying the test picture
        Plots.image(picture.get(point(0)), 1, options.output("activations-picture.png"));

        // Listings 5.27-5.28: the outputs of the first eight layers, in predict mode
        List<INDArray> activations = network.feedForward(picture, false);
        // Listings 5.29-5.30: the fourth and the seventh channel of the first layer's activation
        INDArray firstLayerActivation = activations.get(1);
        for (int channel : new int[] {4, 7}) {
            Plots.matshow(firstLayerActivation.get(point(0), point(channel)),
                    options.output("activations-layer-1-channel-" + channel + ".png"));
        }

        // Listing 5.31: every channel of each layer, post-processed to look good on screen, 16 per row
        int layers = Math.min(8, network.getnLayers());
        for (int i = 0; i < layers; i++) {
            INDArray activation = activations.get(i + 1);
            INDArray displayGrid = displayGrid(displayable(activation.get(point(0))), IMAGES_PER_ROW);
            Plots.matshow(displayGrid, options.output("activations-layer-" + (i + 1) + ".png"));
            System.out.printf("layer %d (%s): %s%n", i + 1, ModelSummary.kerasType(network.getLayer(i)),
                    NumpyNames.shape(1, activation.size(2), activation.size(3), activation.size(1)));
        }
        return 0;
    }

    /** Listing 5.31's {@code images_per_row}. */
    private static final int IMAGES_PER_ROW = 16;

    /**
     * Listing 5.31's post-processing of each channel for display: minus its mean, divided by its standard
     * deviation, times 64 plus 128, clipped to 0-255 and truncated to a byte ({@code astype('uint8')}). A
     * constant channel has no standard deviation: the book divides 0 by 0, and numpy's {@code astype('uint8')}
     * turns the NaN into a byte C leaves undefined (0 with numpy on x86), so the book's blank channels take
     * the colour map's lowest colour; here they stay at 128, where the centring puts them.
     */
    static INDArray displayable(INDArray channels) {
        INDArray result = channels.castTo(DataType.FLOAT).dup();
        for (int c = 0; c < result.size(0); c++) {
            INDArray channel = result.get(point(c));
            double std = channel.std(false, 0, 1).getDouble(0); // numpy's std, without bias correction
            channel.subi(channel.meanNumber());
            if (std > 0) {
                channel.divi(std);
            }
            channel.muli(64).addi(128);
        }
        return Transforms.floor(Transforms.min(Transforms.max(result, 0), 255), false);
    }

    /**
     * Listing 5.31's {@code display_grid}: the channels ({@code [channels, size, size]}) side by side without
     * margins, {@code imagesPerRow} to a row, channel {@code col * imagesPerRow + row} at grid row {@code col},
     * column {@code row}; as in the book, the channels after the last full row are left out
     * ({@code n_features // images_per_row} rows).
     */
    static INDArray displayGrid(INDArray channels, int imagesPerRow) {
        int size = (int) channels.size(1);
        int nCols = (int) channels.size(0) / imagesPerRow;
        INDArray grid = Nd4j.zeros(DataType.FLOAT, (long) size * nCols, (long) imagesPerRow * size);
        for (int col = 0; col < nCols; col++) {
            for (int row = 0; row < imagesPerRow; row++) {
                grid.get(interval(col * size, (col + 1) * size), interval(row * size, (row + 1) * size))
                        .assign(channels.get(point(col * imagesPerRow + row)));
            }
        }
        return grid;
    }

    // The command line: the book's settings unless told otherwise

    @Option(names = "--model", paramLabel = "FILE",
            description = "A model DogsVsCatsConvnet saved (default: cats_and_dogs_small_2.zip in --out, the augmented one, "
                    + "as the book; else cats_and_dogs_small_1.zip).")
    Path model;

    @Mixin
    PictureOptions pictures = new PictureOptions();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
