package dlwj.chapter05;

import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.datasets.ImageNetClasses;
import dlwj.datasets.Vgg16Weights;
import dlwj.training.ImageNetPreprocessing;
import dlwj.training.ModelFiles;
import dlwj.training.Pictures;
import dlwj.training.Plots;
import java.nio.file.Files;
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
import picocli.CommandLine.Parameters;

/**
 * Book section 5.4.3, "Visualizing heatmaps of class activation" (Grad-CAM, listings 5.40-5.44): which
 * parts of a picture made a model decide as it did. As in the book, VGG16 with its ImageNet classifier
 * (528 MB of weights, downloaded) looks at a picture the reader gives, the book's African elephants; with
 * {@code --cats-vs-dogs}, a cats-vs-dogs model instead (the fine-tuned VGG16 of 5.3,
 * {@code cats_and_dogs_small_4.zip}, or the small convnets of 5.2) on an unseen cat. The gradient of the
 * class's output (the softmax probability, {@code model.output[:, 386]} in listing 5.42; for a single
 * sigmoid output its score, whose gradient differs from the probability's by a positive factor that the
 * normalisation removes) with respect to the last convolution's output, averaged per channel, weighs the
 * channels; their weighted sum through a ReLU, normalised, is the heatmap. It is drawn twice: on its own in
 * viridis ({@code plt.matshow}, listing 5.43), and over the original picture at the picture's own size with
 * OpenCV's jet colour map at 0.4 (listing 5.44).
 */
@Command(name = "ClassActivationHeatmap", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 5.4.3: Grad-CAM heatmap of ImageNet's VGG16 on a picture (the book's elephants), or of a "
                + "cats-vs-dogs model (--cats-vs-dogs).")
public final class ClassActivationHeatmap implements Callable<Integer>, CheckedOptions {

    public static void main(String[] args) {
        Examples.main(new ClassActivationHeatmap(), args);
    }

    @Override
    public Integer call() {
        if (catsVsDogs || model != null) {
            return catsVsDogs();
        }
        // Listing 5.40: the VGG16 network with its densely connected classifier, ImageNet's weights
        Path weightsFile = weights != null ? weights : Vgg16Weights.withTop(options.dataSource());
        int size = Vgg16ConvBase.topInputSize(weightsFile); // 224
        MultiLayerNetwork vgg16 = Vgg16ConvBase.withTop(weightsFile, size, size);
        ImageNetClasses classes = ImageNetClasses.load(options.dataSource());

        // Listing 5.41: preprocessing the input picture for VGG16, load_img(img_path, target_size=(224, 224))
        INDArray photo = Nd4j.create(Pictures.loadImg(picture, size, size), new long[] {3, size, size}, DataType.FLOAT)
                .muli(255);
        // preprocess_input: channels reversed to BGR, ImageNet's mean pixel subtracted
        INDArray input = ImageNetPreprocessing.vgg(photo);
        INDArray probabilities = vgg16.output(input);
        // decode_predictions: the three most probable classes
        INDArray order = Nd4j.sortWithIndices(probabilities.dup().reshape(-1), 0, false)[0];
        for (int i = 0; i < Math.min(3, order.length()); i++) {
            int index = order.getInt(i);
            System.out.printf("%d %s: %.4f%n", index, classes.name(index), probabilities.getDouble(0, index));
        }

        // Listings 5.42-5.44: the Grad-CAM heatmap of the most probable class, on its own and over the picture
        draw(heatmap(vgg16, input, order.getInt(0)), picture);
        return 0;
    }

    /** The heatmap of a cats-vs-dogs model, for the class it predicts, on the picture or an unseen cat. */
    private int catsVsDogs() {
        Path modelFile = model != null ? model : pictures.savedModel(options, "cats_and_dogs_small_4.zip",
                "cats_and_dogs_small_2.zip", "cats_and_dogs_small_1.zip");
        MultiLayerNetwork network = ModelFiles.loadMultiLayerNetwork(modelFile);
        Path cat = picture != null ? picture : pictures.unseenCat(options);
        INDArray input = PictureOptions.asInput(cat);
        double dog = network.output(input).getDouble(0);
        System.out.printf("%s predicts %.4f: a %s%n", modelFile.getFileName(), dog, dog > 0.5 ? "dog" : "cat");
        options.record("dog_probability", dog);
        draw(heatmap(network, input, dog > 0.5 ? 1 : 0), cat);
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

    // The command line: the book's VGG16 on the reader's picture unless told otherwise

    @Parameters(arity = "0..1", paramLabel = "PICTURE", description = "The picture to look at: the book's "
            + "creative_commons_elephant.jpg, a Creative Commons photo of African elephants you download (needed but "
            + "with --cats-vs-dogs, whose default is a cat of the dogs-vs-cats pictures the models did not train on).")
    Path picture;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Keras' vgg16_weights_tf_dim_ordering_tf_kernels.h5 (default: downloaded, 528 MB).")
    Path weights;

    @Option(names = "--cats-vs-dogs", description = "A cats-vs-dogs model instead of VGG16: the fine-tuned VGG16 "
            + "of Vgg16FineTuning in --out, else the small convnets of DogsVsCatsConvnet.")
    boolean catsVsDogs;

    @Option(names = "--model", paramLabel = "FILE", description = "This saved cats-vs-dogs model (implies --cats-vs-dogs).")
    Path model;

    @Mixin
    PictureOptions pictures = new PictureOptions();

    @Mixin
    ExampleOptions options = new ExampleOptions();

    /** The book's path needs the reader's picture: one line saying what to pass when it is missing. */
    @Override
    public void checkOptions() {
        if (picture == null && !catsVsDogs && model == null) {
            throw new IllegalArgumentException("Missing PICTURE: pass the picture VGG16 is to look at, as the book the "
                    + "African elephants of creative_commons_elephant.jpg (a Creative Commons photo; download it and "
                    + "give its path), or --cats-vs-dogs for the dogs-vs-cats models on a cat");
        }
        CheckedOptions.requireFile("PICTURE", picture);
    }
}
