package dlwj.datasets;

import dlwj.datasets.files.ArchiveExtraction;
import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.files.RemoteFile;
import dlwj.datasets.formats.NumpyPickle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * CIFAR-10 (book section 8.5): 50,000 training and 10,000 test colour pictures of 32 x 32 pixels in 10 classes
 * (class 6 is the frogs the book's GAN draws). {@link #loadData} is Keras' {@code cifar10.load_data}: the
 * Toronto archive's five pickled training batches and its test batch, extracted into the cache as Keras' {@code
 * get_file(untar=True)} does; pictures as {@code uint8} (samples, 32, 32, 3), channels last as Keras gives them,
 * labels as {@code uint8} (samples, 1).
 */
public final class Cifar10 {

    /** The class names, in label order. */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private static final String FOLDER = "cifar-10-batches-py";
    private static final List<String> TRAIN_BATCHES = List.of("data_batch_1", "data_batch_2", "data_batch_3",
            "data_batch_4", "data_batch_5");
    private static final String TEST_BATCH = "test_batch";
    private static final int SIDE = 32;
    private static final int CHANNELS = 3;

    /**
     * The Toronto archive {@code cifar-10-python.tar.gz} (170,498,071 bytes) with the MD5 its page publishes; its
     * structure is checked too (the six batches inside {@code cifar-10-batches-py/}, gzip's CRC-32), which is what
     * protects a copy given with {@code --local-file}.
     */
    public static final RemoteFile ARCHIVE = RemoteFile.of("datasets/cifar-10-python.tar.gz",
            "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
            Checksum.md5("c58f30108f718f92721af3b95e74349a"), 170_498_071, Cifar10::checkArchive);

    private Cifar10() {
    }

    /** {@code cifar10.load_data()}, from the environment's {@link DataSource#fromEnvironment() source}. */
    public static ImageData loadData() {
        return loadData(DataSource.fromEnvironment());
    }

    public static ImageData loadData(DataSource source) {
        Path folder = source.getExtracted(ARCHIVE, FOLDER, Cifar10::checkFolder);
        return FileReading.read(folder, Cifar10::read);
    }

    static ImageData read(Path folder) throws IOException {
        List<Batch> train = new ArrayList<>();
        for (String name : TRAIN_BATCHES) {
            train.add(batch(folder.resolve(name)));
        }
        Batch test = batch(folder.resolve(TEST_BATCH));
        Batch all = Batch.concat(train);
        return new ImageData(all.pictures(), all.labels(), test.pictures(), test.labels());
    }

    /**
     * One batch as Keras' {@code load_batch} reads it: the pickled dict's {@code data}, (samples, 3072) bytes
     * reshaped to (samples, 3, 32, 32), and its {@code labels}, a list of ints from 0 to 9.
     */
    private static Batch batch(Path file) throws IOException {
        String name = file.getFileName().toString();
        Map<String, Object> dict = NumpyPickle.loadDict(file);
        if (!(dict.get("data") instanceof NumpyPickle.Ndarray data) || data.uint8() == null
                || data.shape().length != 2 || data.shape()[1] != (long) CHANNELS * SIDE * SIDE) {
            throw new InvalidDataFileException(name + " has no 'data' of uint8 pictures (samples, 3072)");
        }
        if (!(dict.get("labels") instanceof List<?> labels) || labels.size() != data.shape()[0]) {
            throw new InvalidDataFileException(name + " has no 'labels' list of one label per picture ("
                    + data.shape()[0] + ")");
        }
        byte[] labelBytes = new byte[labels.size()];
        for (int i = 0; i < labelBytes.length; i++) {
            if (!(labels.get(i) instanceof Integer label) || label < 0 || label >= CLASSES.size()) {
                throw new InvalidDataFileException(name + " has the label " + labels.get(i) + " at position " + i
                        + ", not a class from 0 to 9");
            }
            labelBytes[i] = label.byteValue();
        }
        return new Batch(data.uint8(), labelBytes);
    }

    /** Pictures as {@code (samples, 3, 32, 32)} bytes and their labels. */
    private record Batch(byte[] pictureBytes, byte[] labelBytes) {

        static Batch concat(List<Batch> batches) {
            byte[][] pictures = batches.stream().map(Batch::pictureBytes).toArray(byte[][]::new);
            byte[][] labels = batches.stream().map(Batch::labelBytes).toArray(byte[][]::new);
            return new Batch(join(pictures), join(labels));
        }

        private static byte[] join(byte[][] parts) {
            byte[] joined = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, joined, at, part.length);
                at += part.length;
            }
            return joined;
        }

        /** {@code x.transpose(0, 2, 3, 1)}: channels last, as Keras' default image data format. */
        INDArray pictures() {
            long samples = labelBytes.length;
            INDArray channelsFirst = NdArrays.uint8(pictureBytes, samples, CHANNELS, SIDE, SIDE);
            return channelsFirst.permute(0, 2, 3, 1).dup('c');
        }

        /** {@code np.reshape(y, (len(y), 1))}. */
        INDArray labels() {
            return NdArrays.uint8(labelBytes, labelBytes.length, 1);
        }
    }

    /** Every file of the archive inside {@code cifar-10-batches-py/}, the six batches among them. */
    private static void checkArchive(Path archive) throws IOException {
        Set<String> batches = new HashSet<>();
        for (String name : ArchiveExtraction.verifyEntries(archive)) {
            if (!name.startsWith(FOLDER + "/")) {
                throw new InvalidDataFileException(archive.getFileName() + " has a file outside " + FOLDER + "/: " + name);
            }
            batches.add(name.substring(FOLDER.length() + 1));
        }
        for (String batch : allBatches()) {
            if (!batches.contains(batch)) {
                throw new InvalidDataFileException(archive.getFileName() + " has no " + FOLDER + "/" + batch);
            }
        }
    }

    private static void checkFolder(Path folder) throws IOException {
        for (String batch : allBatches()) {
            if (!Files.isRegularFile(folder.resolve(batch))) {
                throw new InvalidDataFileException(folder + " has no " + batch);
            }
        }
    }

    private static List<String> allBatches() {
        List<String> all = new ArrayList<>(TRAIN_BATCHES);
        all.add(TEST_BATCH);
        return all;
    }
}
