package dlwj.chapter08;

import dlwj.chapter05.Vgg16ConvBase;
import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.datasets.Vgg19Weights;
import dlwj.training.ImageNetPreprocessing;
import dlwj.training.LayerChoice;
import dlwj.training.Pictures;
import dlwj.training.Plots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 8.3, "Neural style transfer" (notebook 8.3, listings 8.14-8.22): the reader's picture (the book's
 * portrait) redrawn in the style of another (the book's painting by Lyubov Popova). VGG19's convolutional base with
 * Keras' ImageNet weights (80.1 MB, downloaded) looks at both; the generated picture, 400 pixels high, starts as the
 * target picture and moves by L-BFGS (20 iterations of at most 20 evaluations, as the notebook's
 * {@code fmin_l_bfgs_b(..., maxfun=20)}) to keep the target's content and take on the reference's style
 * ({@link StyleTransferLoss}). Each iteration's picture is saved, and at the end the three side by side, as
 * {@code style-transfer.png}. Each evaluation is a pass forward and back through VGG19.
 */
@Command(name = "StyleTransfer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 8.3: neural style transfer with VGG19 and L-BFGS, from a target and a style picture.")
public final class StyleTransfer implements Callable<Integer>, CheckedOptions {

    public static void main(String[] args) {
        Examples.main(new StyleTransfer(), args);
    }

    @Override
    public Integer call() {
        // Listing 8.14: the dimensions of the generated picture, 400 pixels high (checked with the options)
        int imgHeight = generatedSize[0];
        int imgWidth = generatedSize[1];

        // Listing 8.15: the pictures as VGG19 takes them
        INDArray targetPicture = loadImg(target, imgHeight, imgWidth);
        INDArray stylePicture = loadImg(styleReference, imgHeight, imgWidth);
        INDArray targetImage = ImageNetPreprocessing.vgg(targetPicture);
        INDArray styleReferenceImage = ImageNetPreprocessing.vgg(stylePicture);

        // Listing 8.16: VGG19's convolutional base with the ImageNet weights
        Path weightsFile = weights != null ? weights : Vgg19Weights.notop(options.dataSource());
        MultiLayerNetwork vgg19 = Vgg16ConvBase.fromKerasWeights(LayerChoice.KERAS, weightsFile, imgHeight, imgWidth);

        // Listings 8.17-8.21: the content, style and total variation losses, and their gradient
        StyleTransferLoss loss = new StyleTransferLoss(vgg19, targetImage, styleReferenceImage);

        // Listing 8.22: L-BFGS over the generated picture's pixels, from the target picture
        long[] shape = targetImage.shape();
        double[] x = targetImage.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        INDArray img = null;
        for (int i = 0; i < iterations(); i++) {
            System.out.println("Start of iteration " + i);
            long start = System.nanoTime();
            LbfgsMinimization.Result result = LbfgsMinimization.minimize((point, gradient) -> {
                StyleTransferLoss.ValueAndGradient value = loss.evaluate(Nd4j.create(point, shape, DataType.FLOAT));
                double[] values = value.gradient().castTo(DataType.DOUBLE).dup('c').data().asDouble();
                System.arraycopy(values, 0, gradient, 0, values.length);
                return value.value();
            }, x, 20);
            x = result.x();
            System.out.printf("Current loss value: %.6g%n", result.value());
            // Save the current generated picture
            img = ImageNetPreprocessing.undoVgg(Nd4j.create(x, shape, DataType.FLOAT));
            Path file = Plots.image(img, 255, options.output("style_transfer_result_at_iteration_" + i + ".png"));
            System.out.printf("Image saved as %s%nIteration %d completed in %ds%n", file, i,
                    (System.nanoTime() - start) / 1_000_000_000);
            options.record("loss_at_iteration_" + i, result.value());
        }

        // The target picture, the style reference and the generated picture, side by side
        Path figure = Plots.imageGrid(Nd4j.stack(0, targetPicture, stylePicture, img), 3, 1, 255,
                options.output("style-transfer.png"));
        System.out.println("Target, style and generated picture: " + figure);
        return 0;
    }

    /** Keras' {@code load_img(path, target_size=(height, width))}: RGB from 0 to 255, {@code [3, height, width]}. */
    private static INDArray loadImg(Path picture, int height, int width) {
        return Nd4j.create(Pictures.loadImg(picture, height, width), new long[] {3, height, width}, DataType.FLOAT)
                .muli(255);
    }

    /**
     * The generated picture's height and width: {@code --height} (the book's 400) with the target's shape; with
     * {@code --quick}, its shorter side 32 pixels.
     */
    private int[] generatedSize(INDArray original) {
        long originalHeight = original.size(1);
        long originalWidth = original.size(2);
        int imgHeight = height != null ? height : !options.quick() ? 400
                : (int) Math.max(32, Math.ceil(32.0 * originalHeight / originalWidth));
        return new int[] {imgHeight, (int) (originalWidth * imgHeight / originalHeight)};
    }

    private int iterations() {
        return iterations != null ? iterations : options.quick() ? 1 : 20;
    }

    // The command line: the two pictures are the reader's, as in the book

    @Option(names = "--target", required = true, paramLabel = "PICTURE",
            description = "The picture to transform (the book's portrait.png).")
    Path target;

    @Option(names = "--style", required = true, paramLabel = "PICTURE",
            description = "The style reference (the book's popova.jpg, a painting by Lyubov Popova).")
    Path styleReference;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Keras' vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5 (default: downloaded, 80.1 MB).")
    Path weights;

    @Option(names = "--iterations", paramLabel = "N", description = "Iterations of L-BFGS (default: the book's 20).")
    Integer iterations;

    @Option(names = "--height", paramLabel = "PIXELS",
            description = "The generated picture's height (default: the book's 400; its width keeps the target's shape).")
    Integer height;

    @Mixin
    ExampleOptions options = new ExampleOptions();

    /** The generated picture's height and width, from the target's, found when the options are checked. */
    private int[] generatedSize;

    @Override
    public void checkOptions() {
        CheckedOptions.requireFile("--target", target);
        CheckedOptions.requireFile("--style", styleReference);
        CheckedOptions.requireAtLeast("--iterations", iterations, 1);
        generatedSize = generatedSize(Pictures.imread(target));
        if (generatedSize[0] < 32 || generatedSize[1] < 32) {
            throw new IllegalArgumentException(String.format("The generated picture would be %d x %d pixels (the "
                    + "target's shape, %d high); VGG19 halves it five times: it needs 32 pixels a side at least",
                    generatedSize[1], generatedSize[0], generatedSize[0]));
        }
        Pictures.imread(styleReference); // a damaged picture is one line before the weights' download
    }
}
