package dlwj.chapter05;

import dlwj.training.ExampleOptions;
import dlwj.training.Examples;
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
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 5.4.1, "Visualizing intermediate activations" (listings 5.25-5.31, figures 5.27-5.29): the
 * small convnet trained in 5.2 looks at one cat picture it never trained on, and every channel of each of
 * its first eight layers (the four convolutions and four poolings) is drawn, 16 channels per row, each
 * normalised as the book does for display.
 */
@Command(name = "ConvnetActivations", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 5.4.1: every channel of the small convnet's first eight layers for one cat picture.")
public final class ConvnetActivations implements Callable<Integer> {

    private static final int PER_ROW = 16;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A model DogsVsCatsConvnet saved (default: cats_and_dogs_small_2.zip in --out, the augmented one, "
                    + "as the book; else cats_and_dogs_small_1.zip).")
    Path model;

    @Mixin
    PictureOptions pictures = new PictureOptions();

    @Mixin
    ExampleOptions options = new ExampleOptions();

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
        System.out.println("Wrote " + Plots.imageGrid(picture, 1, 1, 1, options.output("activations-picture.png")));

        // Listings 5.27-5.28: the outputs of the first eight layers, in predict mode
        List<INDArray> activations = network.feedForward(picture, false);
        int layers = Math.min(8, network.getnLayers());
        for (int i = 0; i < layers; i++) {
            INDArray activation = activations.get(i + 1);
            String type = network.getLayer(i).conf().getLayer().getClass().getSimpleName();
            // Listing 5.31: every channel, post-processed to look good on screen
            INDArray channels = displayable(activation.get(NDArrayIndex.point(0)));
            int size = (int) channels.size(1);
            Path file = Plots.imageGrid(channels, PER_ROW, size < 40 ? 2 : 1, 255,
                    options.output("activations-layer-" + (i + 1) + ".png"));
            System.out.printf("layer %d (%s): %s, wrote %s%n", i + 1, type,
                    NumpyNames.shape(1, activation.size(2), activation.size(3), activation.size(1)), file);
        }
        return 0;
    }

    /**
     * The book's display of each channel: centred, divided by its standard deviation, times 64 plus 128,
     * clipped to 0-255 (a constant channel stays a flat 128).
     */
    static INDArray displayable(INDArray channels) {
        INDArray result = channels.castTo(DataType.FLOAT).dup();
        for (int c = 0; c < result.size(0); c++) {
            INDArray channel = result.get(NDArrayIndex.point(c));
            double std = channel.std(false, 0, 1).getDouble(0); // numpy's std, without bias correction
            channel.subi(channel.meanNumber());
            if (std > 0) {
                channel.divi(std);
            }
            channel.muli(64).addi(128);
        }
        return Transforms.min(Transforms.max(result, 0), 255);
    }
}
