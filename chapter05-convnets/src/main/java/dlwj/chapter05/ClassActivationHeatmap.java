package dlwj.chapter05;

import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dlwj.datasets.ImageNetClasses;
import dlwj.datasets.Vgg16Weights;
import dlwj.training.cli.ExampleOptions;
import dlwj.training.cli.Examples;
import dlwj.training.ModelFiles;
import dlwj.training.Plots;
import dlwj.training.images.ImageBatches;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
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
 * parts of a picture made a model decide as it did. The gradient of the class's output (the softmax
 * probability, {@code model.output[:, 386]} in listing 5.42; for a single sigmoid output its score, whose
 * gradient differs from the probability's by a positive factor that the normalisation removes) with
 * respect to the last convolution's output, averaged per channel, weighs the channels;
 * their weighted sum through a ReLU, normalised, is the heatmap. It is drawn twice: on its own in viridis
 * ({@code plt.matshow}, listing 5.43), and over the original picture at the picture's own size with OpenCV's
 * jet colour map at 0.4 (listing 5.44). For the cats-vs-dogs models (the fine-tuned VGG16 of 5.3, {@code cats_and_dogs_small_4.zip},
 * or the small convnets of 5.2) on an unseen cat, or with {@code --imagenet PICTURE} for the book's own
 * example: VGG16 with its ImageNet classifier (528 MB of weights) on any picture.
 */
@Command(name = "ClassActivationHeatmap", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 5.4.3: Grad-CAM heatmap of a cats-vs-dogs model, or of ImageNet's VGG16 (--imagenet).")
public final class ClassActivationHeatmap implements Callable<Integer> {

    /** ImageNet's mean pixel, blue, green, red: what Keras' VGG16 preprocess_input subtracts. */
    private static final float[] IMAGENET_MEAN_BGR = {103.939f, 116.779f, 123.68f};

    @Option(names = "--model", paramLabel = "FILE", description = "A saved cats-vs-dogs model (default: the fine-tuned "
            + "VGG16 of Vgg16FineTuning in --out, else the small convnets of DogsVsCatsConvnet).")
    Path model;

    @Option(names = "--imagenet", paramLabel = "PICTURE",
            description = "The book's example: VGG16 with its ImageNet classifier on this picture (the weights, 528 MB, "
                    + "and the class names are downloaded).")
    Path imagenetPicture;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "With --imagenet: Keras' vgg16_weights_tf_dim_ordering_tf_kernels.h5 (default: downloaded).")
    Path weights;

    @Mixin
    PictureOptions pictures = new PictureOptions();

    @Mixin
    ExampleOptions options = new ExampleOptions();

    public static void main(String[] args) {
        Examples.main(new ClassActivationHeatmap(), args);
    }

    @Override
    public Integer call() {
        return imagenetPicture != null ? imagenet() : catsAndDogs();
    }

    private int catsAndDogs() {
        Path modelFile = model != null ? model : pictures.savedModel(options, "cats_and_dogs_small_4.zip",
                "cats_and_dogs_small_2.zip", "cats_and_dogs_small_1.zip");
        MultiLayerNetwork network = ModelFiles.loadMultiLayerNetwork(modelFile);
        Path cat = pictures.unseenCat(options);
        INDArray picture = PictureOptions.asInput(cat);
        double dog = network.output(picture).getDouble(0);
        System.out.printf("%s predicts %.4f: a %s%n", modelFile.getFileName(), dog, dog > 0.5 ? "dog" : "cat");
        options.record("dog_probability", dog);
        draw(heatmap(network, picture, dog > 0.5 ? 1 : 0), cat);
        return 0;
    }

    /** Listings 5.40-5.41: VGG16 with its classifier, a 224x224 picture preprocessed as Keras does for it. */
    private int imagenet() {
        Path weightsFile = weights != null ? weights : Vgg16Weights.withTop(options.dataSource());
        int size = Vgg16ConvBase.topInputSize(weightsFile); // 224
        MultiLayerNetwork vgg16 = Vgg16ConvBase.withTop(weightsFile, size, size);
        ImageNetClasses classes = ImageNetClasses.load(options.dataSource());
        INDArray photo = Nd4j.create(ImageBatches.read(imagenetPicture, size, size), new long[] {3, size, size}, DataType.FLOAT)
                .muli(255);
        // preprocess_input: channels reversed to BGR, ImageNet's mean pixel subtracted
        INDArray input = Nd4j.create(DataType.FLOAT, 1, 3, size, size);
        for (int c = 0; c < 3; c++) {
            input.get(point(0), point(c)).assign(photo.get(point(2 - c)).sub(IMAGENET_MEAN_BGR[c]));
        }
        INDArray probabilities = vgg16.output(input);
        // decode_predictions: the three most probable classes
        INDArray order = Nd4j.sortWithIndices(probabilities.dup().reshape(-1), 0, false)[0];
        for (int i = 0; i < Math.min(3, order.length()); i++) {
            int index = order.getInt(i);
            System.out.printf("%d %s: %.4f%n", index, classes.name(index), probabilities.getDouble(0, index));
        }
        draw(heatmap(vgg16, input, order.getInt(0)), imagenetPicture);
        return 0;
    }

    private void draw(INDArray heatmap, Path picture) {
        System.out.printf("heatmap of the last convolution: %d x %d%n", heatmap.rows(), heatmap.columns());
        // Listing 5.43: the heatmap itself, plt.matshow(heatmap)
        Plots.matshow(heatmap, options.output("class-activation-heatmap-raw.png"));
        // Listing 5.44: the heatmap over the original picture, at the picture's own size
        Plots.heatmapOverPhoto(picture, heatmap, 0.4,
                options.output("class-activation-heatmap.png"));
    }

    /**
     * Listings 5.42-5.43: Grad-CAM for output {@code classIndex} at the network's last convolution, a
     * {@code height x width} map from 0 to 1. A single sigmoid output has two classes: 1 is its score, 0
     * minus its score.
     */
    static INDArray heatmap(MultiLayerNetwork network, INDArray picture, int classIndex) {
        int last = lastConvolution(network);
        INDArray featureMaps = network.feedForward(picture, false).get(last + 1); // [1, channels, height, width]
        INDArray gradient = scoreGradient(scores(network, last, featureMaps), featureMaps, classIndex);
        INDArray channelWeights = gradient.mean(0, 2, 3); // pooled over the map, one weight per channel
        INDArray weighted = featureMaps.get(point(0)).mul(channelWeights.reshape(channelWeights.length(), 1, 1)).sum(0);
        INDArray heatmap = Transforms.relu(weighted, false);
        double max = heatmap.maxNumber().doubleValue();
        return max > 0 ? heatmap.divi(max) : heatmap;
    }

    /**
     * The gradient with respect to {@code featureMaps} of class {@code classIndex}'s output: its softmax
     * probability where the scores are several, the sigmoid's score (or minus it, for class 0) where one.
     */
    static INDArray scoreGradient(MultiLayerNetwork scores, INDArray featureMaps, int classIndex) {
        return LayerRange.inputGradient(scores, featureMaps, output -> {
            if (output.size(1) == 1) {
                return Nd4j.zerosLike(output).putScalar(0, 0, classIndex == 1 ? 1 : -1);
            }
            // d softmax(z)_c / dz = p_c * (onehot_c - p)
            INDArray probabilities = Transforms.softmax(output, true);
            INDArray oneHot = Nd4j.zerosLike(output).putScalar(0, classIndex, 1);
            return oneHot.subi(probabilities).muli(probabilities.getDouble(0, classIndex));
        });
    }

    static int lastConvolution(MultiLayerNetwork network) {
        for (int i = network.getnLayers() - 1; i >= 0; i--) {
            if (network.getLayerWiseConfigurations().getConf(i).getLayer() instanceof ConvolutionLayer) {
                return i;
            }
        }
        throw new IllegalArgumentException("The model has no convolution layer");
    }

    /** The layers after {@code last} as a network of their own that outputs the class scores. */
    static MultiLayerNetwork scores(MultiLayerNetwork network, int last, INDArray featureMaps) {
        return LayerRange.of(network, last + 1, network.getnLayers() - 1,
                InputType.convolutional(featureMaps.size(2), featureMaps.size(3), featureMaps.size(1)));
    }
}
