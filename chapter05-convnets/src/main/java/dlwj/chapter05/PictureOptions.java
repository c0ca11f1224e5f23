package dlwj.chapter05;

import dlwj.cli.DogsVsCatsSplitOption;
import dlwj.cli.ExampleOptions;
import dlwj.datasets.ImageFolders;
import dlwj.training.Pictures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of the examples that train on the dogs-vs-cats pictures: where they come from, and
 * Keras' {@code steps_per_epoch} and {@code validation_steps}.
 */
final class PictureOptions {

    static final int SIZE = 150;

    @Option(names = "--steps-per-epoch", paramLabel = "N", description = "Batches per epoch (default: the book's 100).")
    Integer stepsPerEpoch;

    @Option(names = "--validation-steps", paramLabel = "N", description = "Validation batches (default: the book's 50).")
    Integer validationSteps;

    @Mixin
    DogsVsCatsSplitOption split = new DogsVsCatsSplitOption();

    /** The book's split from Kaggle's file, or TensorFlow's cats_and_dogs_filtered. */
    ImageFolders folders(ExampleOptions options) {
        return split.folders(options.dataSource());
    }

    /** {@code steps_per_epoch}: the book's 100 training batches per epoch (2 with --quick). */
    int stepsPerEpoch(ExampleOptions options) {
        return stepsPerEpoch != null ? stepsPerEpoch : options.quick() ? 2 : 100;
    }

    /**
     * {@code validation_steps}: the book's 50 (1 with --quick). The validation generator shuffles, as Keras'
     * {@code flow_from_directory} does by default: where the steps draw more than the 1,000 pictures (50
     * batches of 32 in listing 5.14), the extra draws are a random sample of both classes, as in the book.
     */
    int validationSteps(ExampleOptions options) {
        return validationSteps != null ? validationSteps : options.quick() ? 1 : 50;
    }

    /**
     * One cat picture the networks did not train on: the first of the test cats (the book's split) or of the
     * validation cats.
     */
    Path unseenCat(ExampleOptions options) {
        ImageFolders folders = folders(options);
        Path split = folders.hasTest() ? folders.test() : folders.validation();
        return ImageFolders.images(split, folders.classes().get(0)).get(0);
    }

    /**
     * Listing 5.25: a picture as the networks see it, {@code [1, 3, 150, 150]}, RGB from 0 to 1
     * ({@code load_img(img_path, target_size=(150, 150))}, {@code img_to_array}, {@code expand_dims},
     * {@code / 255.}).
     */
    static INDArray asInput(Path picture) {
        return Nd4j.create(Pictures.loadImg(picture, SIZE, SIZE), new long[] {1, 3, SIZE, SIZE}, DataType.FLOAT);
    }

    /** The first of the models an earlier example saved in the output folder, or one message saying to run it. */
    Path savedModel(ExampleOptions options, String... fileNames) {
        for (String name : fileNames) {
            Path file = options.output(name);
            if (Files.exists(file)) {
                return file;
            }
        }
        throw new IllegalArgumentException("None of " + String.join(", ", fileNames) + " in " + options.output("")
                + ": run the example that trains it first (DogsVsCatsConvnet, Vgg16FineTuning) with the same --out, "
                + "or pass --model");
    }
}
