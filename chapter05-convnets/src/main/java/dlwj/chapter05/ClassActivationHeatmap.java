package dlwj.chapter05;

import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dlwj.training.ExampleOptions;
import dlwj.training.Examples;
import dlwj.training.ModelFiles;
import dlwj.training.Plots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 5.4.3, "Visualizing heatmaps of class activation" (Grad-CAM, listings 5.40-5.44): which
 * parts of a picture made a cats-vs-dogs model decide as it did. The gradient of the predicted class's
 * score with respect to the last convolution's output, averaged per channel, weighs the channels; their
 * weighted sum through a ReLU, normalised, is the heatmap, drawn over the picture with the jet colour map
 * at 0.4. For the fine-tuned VGG16 model of 5.3 ({@code cats_and_dogs_small_4.zip}) or the small convnets of
 * 5.2.
 */
@Command(name = "ClassActivationHeatmap", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 5.4.3: Grad-CAM heatmap of a cats-vs-dogs model over one cat picture.")
public final class ClassActivationHeatmap implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", description = "A saved model (default: the fine-tuned VGG16 of "
            + "Vgg16FineTuning in --out, else the small convnets of DogsVsCatsConvnet).")
    Path model;

    @Mixin
    PictureOptions pictures = new PictureOptions();

    @Mixin
    ExampleOptions options = new ExampleOptions();

    public static void main(String[] args) {
        Examples.main(new ClassActivationHeatmap(), args);
    }

    @Override
    public Integer call() {
        Path modelFile = model != null ? model : pictures.savedModel(options, "cats_and_dogs_small_4.zip",
                "cats_and_dogs_small_2.zip", "cats_and_dogs_small_1.zip");
        MultiLayerNetwork network = ModelFiles.loadMultiLayerNetwork(modelFile);
        INDArray picture = pictures.unseenCat(options);

        double dog = network.output(picture).getDouble(0);
        System.out.printf("%s predicts %.4f: a %s%n", modelFile.getFileName(), dog, dog > 0.5 ? "dog" : "cat");
        INDArray heatmap = heatmap(network, picture, dog > 0.5 ? 1 : 0);
        System.out.printf("heatmap of the last convolution: %d x %d%n", heatmap.rows(), heatmap.columns());

        // Listing 5.44: the heatmap over the picture
        Path file = Plots.heatmapOverPhoto(picture.get(point(0)).mul(255), heatmap,
                0.4, options.output("class-activation-heatmap.png"));
        System.out.println("Wrote " + file);
        return 0;
    }

    /**
     * Listings 5.42-5.43: Grad-CAM for {@code label} (0: cat, 1: dog) at the network's last convolution,
     * a {@code height x width} map from 0 to 1.
     */
    static INDArray heatmap(MultiLayerNetwork network, INDArray picture, int label) {
        int last = lastConvolution(network);
        List<INDArray> activations = network.feedForward(picture, false);
        INDArray featureMaps = activations.get(last + 1); // [1, channels, height, width]
        // With a sigmoid output and binary crossentropy, d loss / d score = p - label: minus the loss's
        // gradient is the gradient of the chosen class's score, scaled by a positive factor
        INDArray gradient = top(network, last, featureMaps).calculateGradients(featureMaps,
                Nd4j.createFromArray(new float[][] {{label}}), null, null).getSecond().neg();
        INDArray channelWeights = gradient.mean(0, 2, 3); // pooled over the map, one weight per channel
        INDArray weighted = featureMaps.get(point(0)).mul(channelWeights.reshape(channelWeights.length(), 1, 1)).sum(0);
        INDArray heatmap = Transforms.relu(weighted, false);
        double max = heatmap.maxNumber().doubleValue();
        return max > 0 ? heatmap.divi(max) : heatmap;
    }

    static int lastConvolution(MultiLayerNetwork network) {
        for (int i = network.getnLayers() - 1; i >= 0; i--) {
            if (network.getLayerWiseConfigurations().getConf(i).getLayer() instanceof ConvolutionLayer) {
                return i;
            }
        }
        throw new IllegalArgumentException("The model has no convolution layer");
    }

    /** The layers after {@code last}, with their weights, as a network of their own (dropout left out). */
    static MultiLayerNetwork top(MultiLayerNetwork network, int last, INDArray featureMaps) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list();
        List<Integer> kept = new ArrayList<>();
        for (int i = last + 1; i < network.getnLayers(); i++) {
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            if (!(layer instanceof DropoutLayer)) {
                list.layer(layer.clone());
                kept.add(i);
            }
        }
        MultiLayerNetwork top = new MultiLayerNetwork(list.setInputType(InputType.convolutional(featureMaps.size(2),
                featureMaps.size(3), featureMaps.size(1))).build());
        top.init();
        for (int j = 0; j < kept.size(); j++) {
            if (top.getLayer(j).numParams() > 0) {
                top.getLayer(j).setParams(network.getLayer(kept.get(j)).params().dup());
            }
        }
        return top;
    }
}
