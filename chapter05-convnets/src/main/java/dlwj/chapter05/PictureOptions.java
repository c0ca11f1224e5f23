package dlwj.chapter05;

import dlwj.datasets.DogsVsCats;
import dlwj.datasets.ImageFolders;
import dlwj.training.ExampleOptions;
import dlwj.training.images.ImageAugmentation;
import dlwj.training.images.ImageBatches;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The command line of the examples that train on the dogs-vs-cats pictures: where they come from, and
 * Keras' {@code steps_per_epoch} and {@code validation_steps}.
 */
final class PictureOptions {

    static final int SIZE = 150;

    @Option(names = "--steps-per-epoch", paramLabel = "N", description = "Batches per epoch (default: the book's 100).")
    Integer stepsPerEpoch;

    @Option(names = "--validation-steps", paramLabel = "N", description = "Validation batches of 20 (default: 50).")
    Integer validationSteps;

    @Option(names = "--kaggle-train", paramLabel = "PATH",
            description = "Kaggle's dogs-vs-cats train.zip (or its folder): build the book's split from it (with test "
                    + "pictures) instead of using cats_and_dogs_filtered.")
    Path kaggleTrain;

    /** The book's split from Kaggle's file, or TensorFlow's cats_and_dogs_filtered. */
    ImageFolders folders(ExampleOptions options) {
        return DogsVsCats.folders(kaggleTrain, options.dataSource());
    }

    /** The training generator: shuffled, 150x150, rescaled (and augmented), steps per epoch 100 (2 with --quick). */
    ImageBatches training(ImageFolders folders, int batchSize, ImageAugmentation augmentation, ExampleOptions options) {
        return ImageBatches.fromDirectory(folders.train(), folders.classes(), SIZE, batchSize, augmentation, true,
                options.seed()).stepsPerEpoch(stepsPerEpoch != null ? stepsPerEpoch : options.quick() ? 2 : 100);
    }

    /** The validation generator: in order, batches of 20, 50 steps (1 with --quick). */
    ImageBatches validation(ImageFolders folders, ExampleOptions options) {
        return ImageBatches.fromDirectory(folders.validation(), folders.classes(), SIZE, 20, null, false, options.seed())
                .stepsPerEpoch(validationSteps != null ? validationSteps : options.quick() ? 1 : 50);
    }
}
