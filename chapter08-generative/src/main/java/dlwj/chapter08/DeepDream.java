package dlwj.chapter08;

import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.datasets.InceptionV3Weights;
import dlwj.training.ImageNetPreprocessing;
import dlwj.training.Pictures;
import dlwj.training.Plots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.image.ResizeBilinear;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 8.2, "DeepDream" (notebook 8.2, listings 8.8-8.13): the reader's picture (the book's photo) dreamt over
 * by InceptionV3 with Keras' ImageNet weights (87.9 MB, downloaded). Gradient ascent on the picture raises the
 * activations of {@code mixed2} to {@code mixed5} ({@link DeepDreamLoss}), at 3 scales ("octaves") 1.4 times apart
 * from the smallest up, 20 steps of 0.01 each unless the loss passes 10; between octaves the detail lost by shrinking
 * the picture is put back. Each octave's picture is saved ({@code dream_at_scale_(h, w).png}), and the last as
 * {@code final_dream.png}.
 */
@Command(name = "DeepDream", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 8.2: DeepDream with InceptionV3 on a picture.")
public final class DeepDream implements Callable<Integer>, CheckedOptions {

    /** The smallest picture side whose smallest octave InceptionV3 takes: 75 pixels times 1.4^2. */
    private static final int SMALLEST_SIDE = 147;

    public static void main(String[] args) {
        Examples.main(new DeepDream(), args);
    }

    @Override
    public Integer call() {
        // Listing 8.8: InceptionV3 with the ImageNet weights, in inference
        ComputationGraph model = InceptionV3.fromKerasWeights(weights != null ? weights
                : InceptionV3Weights.notop(options.dataSource()));

        // Listings 8.9-8.11: the loss, its gradient normalised
        DeepDreamLoss loss = new DeepDreamLoss(model);

        // Listing 8.13: the settings, the picture, the octaves' shapes
        double step = 0.01; // gradient ascent step size
        int numOctave = 3; // number of scales at which to run gradient ascent
        double octaveScale = 1.4; // size ratio between scales
        int iterations = this.iterations != null ? this.iterations : options.quick() ? 2 : 20; // steps per scale
        double maxLoss = 10; // stop an octave's ascent past this loss, to avoid ugly artifacts

        INDArray img = ImageNetPreprocessing.inception(photo);
        long[] originalShape = {img.size(2), img.size(3)};
        List<int[]> successiveShapes = new ArrayList<>();
        for (int i = 0; i < numOctave; i++) {
            successiveShapes.add(new int[] {(int) (originalShape[0] / Math.pow(octaveScale, i)),
                    (int) (originalShape[1] / Math.pow(octaveScale, i))});
        }
        Collections.reverse(successiveShapes); // in increasing order

        INDArray originalImg = img.dup();
        INDArray shrunkOriginalImg = resizeImg(img, successiveShapes.get(0));
        for (int[] shape : successiveShapes) {
            System.out.printf("Processing image shape (%d, %d)%n", shape[0], shape[1]);
            img = resizeImg(img, shape);
            img = gradientAscent(loss, img, iterations, step, maxLoss);
            INDArray upscaledShrunkOriginalImg = resizeImg(shrunkOriginalImg, shape);
            INDArray sameSizeOriginal = resizeImg(originalImg, shape);
            INDArray lostDetail = sameSizeOriginal.sub(upscaledShrunkOriginalImg);
            img.addi(lostDetail);
            shrunkOriginalImg = sameSizeOriginal; // the notebook's resize_img(original_img, shape), done above
            saveImg(img, "dream_at_scale_(" + shape[0] + ", " + shape[1] + ").png");
        }
        Path dream = saveImg(img, "final_dream.png");
        System.out.println("The dream: " + dream);
        return 0;
    }

    /** Listing 8.11's {@code gradient_ascent}. */
    static INDArray gradientAscent(DeepDreamLoss loss, INDArray x, int iterations, double step, double maxLoss) {
        for (int i = 0; i < iterations; i++) {
            DeepDreamLoss.ValueAndGradient value = loss.evaluate(x);
            if (value.value() > maxLoss) {
                break;
            }
            System.out.println("...Loss value at " + i + " : " + value.value());
            x.addi(value.gradient().muli(step));
        }
        return x;
    }

    /**
     * Listing 8.12's {@code resize_img}: {@code scipy.ndimage.zoom(img, factors, order=1)}, linear interpolation with
     * the corners aligned, which is ND4J's {@code ResizeBilinear} with {@code alignCorners}.
     */
    static INDArray resizeImg(INDArray img, int[] size) {
        INDArray channelsLast = img.permute(0, 2, 3, 1).dup('c');
        INDArray resized = Nd4j.create(img.dataType(), 1, size[0], size[1], img.size(1));
        Nd4j.exec(new ResizeBilinear(channelsLast, resized, size[0], size[1], true, false));
        return resized.permute(0, 3, 1, 2).dup('c');
    }

    /** Listing 8.12's {@code save_img}, through {@code deprocess_image}. */
    private Path saveImg(INDArray img, String fileName) {
        return Plots.image(ImageNetPreprocessing.undoInception(img), 255, options.output(fileName));
    }

    // The command line: the picture is the reader's, as in the book

    @Option(names = "--picture", required = true, paramLabel = "PICTURE",
            description = "The picture to dream over (the book's original_photo_deep_dream.jpg).")
    Path picture;

    @Option(names = "--weights", paramLabel = "FILE", description = "Keras' "
            + "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5 (default: downloaded, 87.9 MB).")
    Path weights;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Gradient ascent steps per octave (default: the book's 20).")
    Integer iterations;

    @Mixin
    ExampleOptions options = new ExampleOptions();

    /** The picture, RGB from 0 to 255, read when the options are checked. */
    private INDArray photo;

    @Override
    public void checkOptions() {
        CheckedOptions.requireFile("--picture", picture);
        photo = Pictures.imread(picture);
        long side = Math.min(photo.size(1), photo.size(2));
        if (side < SMALLEST_SIDE) {
            throw new IllegalArgumentException(String.format("--picture %s is %d x %d pixels; the smallest octave, "
                    + "1.4^2 times smaller, must be at least 75 pixels a side for InceptionV3: give a picture at least "
                    + "%d pixels a side", picture, photo.size(2), photo.size(1), SMALLEST_SIDE));
        }
        CheckedOptions.requireAtLeast("--iterations", iterations, 1);
    }
}
