package dlwj.datasets;

import dlwj.datasets.files.RemoteFile;
import java.util.List;

/**
 * Every data file the datasets and models of this project read, in one list: what {@code --local-file}
 * may name.
 */
public final class DataFiles {

    public static final List<RemoteFile> ALL = List.of(Mnist.DATA, FashionMnist.TRAIN_IMAGES,
            FashionMnist.TRAIN_LABELS, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS, Imdb.DATA, Imdb.WORD_INDEX,
            Reuters.DATA, Reuters.WORD_INDEX, BostonHousing.DATA, DogsVsCats.FILTERED, Vgg16Weights.NOTOP,
            Vgg16Weights.WITH_TOP, ImageNetClasses.INDEX, ImdbReviews.ARCHIVE, GloVe.ZIP, JenaClimate.DATA, Nietzsche.TEXT,
            Cifar10.ARCHIVE);

    private DataFiles() {
    }

    /** The names of the files, which are their names in a mirror and for {@code --local-file}. */
    public static List<String> names() {
        return ALL.stream().map(RemoteFile::fileName).toList();
    }
}
