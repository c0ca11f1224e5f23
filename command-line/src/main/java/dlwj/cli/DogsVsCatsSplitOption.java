package dlwj.cli;

import dlwj.datasets.DogsVsCats;
import dlwj.datasets.ImageFolders;
import dlwj.datasets.files.DataSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The option that says which dogs-vs-cats pictures a command uses, shared by {@code describe}, the
 * chapter 5 examples and {@code reproduce}: {@code --kaggle-train} for the book's split built from Kaggle's
 * {@code train.zip}, else TensorFlow's {@code cats_and_dogs_filtered} (see {@link DogsVsCats}).
 */
public final class DogsVsCatsSplitOption {

    @Option(names = "--kaggle-train", paramLabel = "PATH",
            description = "Kaggle's dogs-vs-cats train.zip (or its folder): build the book's split from it (with test "
                    + "pictures) instead of using cats_and_dogs_filtered.")
    Path kaggleTrain;

    /** The book's split from Kaggle's file if given, otherwise {@code cats_and_dogs_filtered}. */
    public ImageFolders folders(DataSource source) {
        return DogsVsCats.folders(kaggleTrain, source);
    }
}
