package dlwj.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.DatasetUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Each dataset loaded end to end from fixture files, through a mirror folder or local files. */
class DatasetsTest {

    @TempDir
    Path home;
    @TempDir
    Path mirror;

    private DataSource source() {
        return Fixtures.offlineSource(home, mirror);
    }

    @Test
    void bostonHousingIsShuffledWithSeed113AndSplit80To20() throws Exception {
        double[] x = new double[10 * 13];
        double[] y = new double[10];
        for (int row = 0; row < 10; row++) {
            for (int column = 0; column < 13; column++) {
                x[row * 13 + column] = row * 100 + column;
            }
            y[row] = row + 0.5;
        }
        Fixtures.write(mirror.resolve("boston_housing.npz"), Fixtures.npz(Fixtures.arrays(
                "y", Fixtures.npyFloat64(new long[] {10}, y), "x", Fixtures.npyFloat64(new long[] {10, 13}, x))));

        RegressionData data = BostonHousing.loadData(0.2, 113, source().withLocalFile("boston_housing.npz",
                mirror.resolve("boston_housing.npz")));

        // numpy: RandomState(113).shuffle(arange(10)) == [9, 3, 6, 1, 0, 7, 4, 8, 2, 5]
        assertArrayEquals(new long[] {8, 13}, data.trainData().shape());
        assertArrayEquals(new long[] {2, 13}, data.testData().shape());
        assertEquals(DataType.DOUBLE, data.trainData().dataType());
        assertEquals(900.0, data.trainData().getDouble(0, 0));
        assertEquals(312.0, data.trainData().getDouble(1, 12));
        assertArrayEquals(new double[] {9.5, 3.5, 6.5, 1.5, 0.5, 7.5, 4.5, 8.5}, data.trainTargets().toDoubleVector());
        assertArrayEquals(new double[] {2.5, 5.5}, data.testTargets().toDoubleVector());
    }

    @Test
    void imageNetIndex386IsTheAfricanElephantInKerasClassIndexFormat() throws Exception {
        // imagenet_class_index.json as Keras' json.dump writes it; 0 and 386 as in the real file, the rest placeholders
        Map<Integer, String> real = Map.of(0, "\"n01440764\", \"tench\"", 386, "\"n02504458\", \"African_elephant\"");
        StringJoiner json = new StringJoiner(", ", "{", "}");
        for (int i = 0; i <= 386; i++) {
            json.add("\"" + i + "\": [" + real.getOrDefault(i, "\"n" + i + "\", \"class_" + i + "\"") + "]");
        }
        Path index = Fixtures.write(mirror.resolve("imagenet_class_index.json"),
                json.toString().getBytes(StandardCharsets.UTF_8));

        ImageNetClasses classes = ImageNetClasses.load(source().withLocalFile("imagenet_class_index.json", index));

        assertEquals(387, classes.size());
        assertEquals("n01440764 tench", classes.name(0));
        assertEquals("n02504458 African_elephant", classes.name(386));
    }

    @Test
    void imageNetClassNamesInOutputOrder() throws Exception {
        Path index = Fixtures.write(mirror.resolve("imagenet_class_index.json"),
                "{\"1\": [\"n01443537\", \"goldfish\"], \"0\": [\"n01440764\", \"tench\"]}".getBytes(StandardCharsets.UTF_8));

        ImageNetClasses classes = ImageNetClasses.load(source().withLocalFile("imagenet_class_index.json", index));

        assertEquals(2, classes.size());
        assertEquals("n01440764 tench", classes.name(0));
        assertEquals("n01443537 goldfish", classes.name(1));
        Path broken = Fixtures.write(mirror.resolve("broken.json"), "{\"0\": [\"n0\"]}".getBytes(StandardCharsets.UTF_8));
        assertThrows(java.io.IOException.class, () -> ImageNetClasses.read(broken));
    }

    @Test
    void reutersAndImdbLoadFromKerasLayoutFiles() throws Exception {
        int[][] newswires = new int[10][];
        long[] topics = new long[10];
        for (int i = 0; i < 10; i++) {
            newswires[i] = new int[] {i + 1, 5, 9000 + i};
            topics[i] = i % 3;
        }
        Fixtures.write(mirror.resolve("reuters.npz"), Fixtures.npz(Fixtures.arrays(
                "y", Fixtures.npyInt64(topics), "x", Fixtures.npyObjectSequences(newswires))));

        SequenceData reuters = Reuters.loadData(TextOptions.builder().numWords(1000).build(),
                source().withLocalFile("reuters.npz", mirror.resolve("reuters.npz")));

        assertEquals(8, reuters.trainSequences().length);
        assertEquals(2, reuters.testSequences().length);
        assertArrayEquals(new int[] {1, 13, 8, 2}, reuters.trainSequences()[0], "newswire 9 first, OOV for 9012");
        assertEquals(0, reuters.trainLabels()[0]);

        int[][] reviews = {{1, 2, 3}, {4, 5}, {6}, {7, 8, 9, 10}};
        Fixtures.write(mirror.resolve("imdb.npz"), Fixtures.npz(Fixtures.arrays(
                "x_test", Fixtures.npyObjectSequences(reviews), "x_train", Fixtures.npyObjectSequences(reviews),
                "y_train", Fixtures.npyInt64(1, 0, 1, 0), "y_test", Fixtures.npyInt64(0, 0, 1, 1))));
        Fixtures.write(mirror.resolve("imdb_word_index.json"), Fixtures.wordIndexJson(Map.of("the", 1, "and", 2,
                "a", 3, "of", 4, "to", 5, "is", 6, "br", 7, "in", 8, "it", 9, "i", 10)));
        DataSource imdbSource = source().withLocalFile("imdb.npz", mirror.resolve("imdb.npz"))
                .withLocalFile("imdb_word_index.json", mirror.resolve("imdb_word_index.json"));

        SequenceData imdb = Imdb.loadData(TextOptions.defaults(), imdbSource);
        WordIndex words = Imdb.wordIndex(imdbSource);

        assertEquals(4, imdb.trainSequences().length);
        assertEquals(4, imdb.testSequences().length);
        int[] first = imdb.trainSequences()[0];
        assertEquals(1, first[0]);
        assertTrue(words.decode(first).startsWith("? "), words.decode(first));
        assertEquals("? the and a", words.decode(new int[] {1, 4, 5, 6}));
        assertEquals(Integer.valueOf(10), words.rank("i").orElseThrow());
    }

    @Test
    void mnistLoadsAsUint8Tensors() throws Exception {
        byte[] images = new byte[3 * 28 * 28];
        images[28 + 1] = (byte) 255;
        byte[] testImages = new byte[2 * 28 * 28];
        Fixtures.write(mirror.resolve("mnist.npz"), Fixtures.npz(Fixtures.arrays(
                "x_test", Fixtures.npyUint8(new long[] {2, 28, 28}, testImages),
                "x_train", Fixtures.npyUint8(new long[] {3, 28, 28}, images),
                "y_train", Fixtures.npyUint8(new long[] {3}, new byte[] {5, 0, 4}),
                "y_test", Fixtures.npyUint8(new long[] {2}, new byte[] {7, 2}))));

        ImageData mnist = Mnist.loadData(source().withLocalFile("mnist.npz", mirror.resolve("mnist.npz")));

        assertArrayEquals(new long[] {3, 28, 28}, mnist.trainImages().shape());
        assertEquals(DataType.UBYTE, mnist.trainImages().dataType());
        assertEquals(255, mnist.trainImages().getInt(0, 1, 1));
        assertArrayEquals(new int[] {5, 0, 4}, mnist.trainLabels().toIntVector());
        assertArrayEquals(new long[] {2, 28, 28}, mnist.testImages().shape());
    }

    @Test
    void fashionMnistLoadsItsFourIdxFilesFromAMirrorFolder() throws Exception {
        byte[] train = scattered(60_000 * 28 * 28);
        train[27] = (byte) 200;
        byte[] trainLabels = new byte[60_000];
        trainLabels[0] = 9;
        Fixtures.write(mirror.resolve("train-images-idx3-ubyte.gz"), Fixtures.idxGz(train, 60_000, 28, 28));
        Fixtures.write(mirror.resolve("train-labels-idx1-ubyte.gz"), Fixtures.idxGz(trainLabels, 60_000));
        Fixtures.write(mirror.resolve("t10k-images-idx3-ubyte.gz"), Fixtures.idxGz(scattered(10_000 * 784), 10_000, 28, 28));
        Fixtures.write(mirror.resolve("t10k-labels-idx1-ubyte.gz"), Fixtures.idxGz(new byte[10_000], 10_000));

        ImageData fashion = FashionMnist.loadData(source());

        assertArrayEquals(new long[] {60_000, 28, 28}, fashion.trainImages().shape());
        assertEquals(200, fashion.trainImages().getInt(0, 0, 27));
        assertEquals(9, fashion.trainLabels().getInt(0));
        assertArrayEquals(new long[] {10_000}, fashion.testLabels().shape());
        assertTrue(Files.exists(home.resolve("datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz")));
    }

    /** Pixels with a value every 32 bytes, so that they compress as pictures do, not a thousand times. */
    private static byte[] scattered(int size) {
        byte[] pixels = new byte[size];
        Random random = new Random(size);
        for (int i = 0; i < size; i += 32) {
            pixels[i] = (byte) random.nextInt(256);
        }
        return pixels;
    }

    @Test
    void catsAndDogsFilteredIsExtractedOnceAndRepaired() throws Exception {
        Fixtures.write(mirror.resolve("cats_and_dogs_filtered.zip"), Fixtures.catsAndDogsZip(1000, 500));

        ImageFolders folders = DogsVsCats.filtered(source());

        assertEquals(home.resolve("datasets/cats_and_dogs_filtered/train"), folders.train());
        assertEquals(1000, ImageFolders.count(folders.train(), "cats"));
        assertEquals(500, ImageFolders.count(folders.validation(), "dogs"));
        assertFalse(folders.hasTest());

        Files.delete(folders.validation().resolve("dogs/dog.2003.jpg"));
        ImageFolders repaired = DogsVsCats.filtered(source());
        assertTrue(Files.exists(repaired.validation().resolve("dogs/dog.2003.jpg")));
    }

    @Test
    void incompleteCatsAndDogsZipIsRefused() throws Exception {
        Fixtures.write(mirror.resolve("cats_and_dogs_filtered.zip"), Fixtures.catsAndDogsZip(10, 5));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> DogsVsCats.filtered(source()));

        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void bookSplitIsBuiltFromKaggleTrainZipIdempotently() throws Exception {
        Path kaggle = mirror.resolve("train.zip");
        Random random = new Random(3);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(kaggle))) {
            for (String animal : new String[] {"cat", "dog"}) {
                for (int i = 0; i < 2000; i++) {
                    zip.putNextEntry(new ZipEntry("train/" + animal + "." + i + ".jpg"));
                    zip.write(Fixtures.jpeg(4, 4, random));
                    zip.closeEntry();
                }
            }
        }

        ImageFolders split = DogsVsCats.bookSplit(kaggle, source());
        DogsVsCats.bookSplit(kaggle, source());

        assertEquals(1000, ImageFolders.count(split.train(), "cats"));
        assertEquals(500, ImageFolders.count(split.validation(), "dogs"));
        assertEquals(500, ImageFolders.count(split.test(), "cats"));
        assertTrue(Files.exists(split.validation().resolve("cats/cat.1000.jpg")));
        assertTrue(Files.exists(split.test().resolve("dogs/dog.1999.jpg")));
    }

    @Test
    void bookSplitRefusesADamagedEntryOrATruncatedPictureOfKagglesZip() throws Exception {
        Random random = new Random(4);
        byte[] picture = Fixtures.jpeg(4, 4, random);
        byte[] odd = Fixtures.jpeg(6, 6, random);
        Path damaged = kaggleZip(mirror.resolve("damaged.zip"), picture, "dog.1700.jpg", odd);
        flipABitOf(damaged, odd);
        Path truncated = kaggleZip(mirror.resolve("truncated.zip"), picture, "cat.3.jpg",
                java.util.Arrays.copyOf(picture, picture.length - 10));

        DatasetUnavailableException damage = assertThrows(DatasetUnavailableException.class,
                () -> DogsVsCats.bookSplit(damaged, source()));
        DatasetUnavailableException cut = assertThrows(DatasetUnavailableException.class,
                () -> DogsVsCats.bookSplit(truncated, source()));

        assertTrue(damage.getMessage().contains("damaged.zip is damaged: its entry train/dog.1700.jpg has CRC-32"),
                damage.getMessage());
        assertTrue(cut.getMessage().contains("cat.3.jpg is not a complete JPEG"), cut.getMessage());
        try (var files = Files.walk(home)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".part")).toList());
        }
    }

    /** Kaggle's train.zip with 2,000 pictures of each animal, stored uncompressed, one of them {@code replacement}. */
    private static Path kaggleZip(Path file, byte[] picture, String replacedName, byte[] replacement) throws Exception {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String animal : new String[] {"cat", "dog"}) {
                for (int i = 0; i < 2000; i++) {
                    String name = animal + "." + i + ".jpg";
                    byte[] bytes = name.equals(replacedName) ? replacement : picture;
                    zip.putNextEntry(Fixtures.storedEntry("train/" + name, bytes));
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
        }
        return file;
    }

    /** Flips one bit in the middle of {@code content}, stored once in the zip: a damaged copy of the file. */
    private static void flipABitOf(Path zip, byte[] content) throws Exception {
        byte[] bytes = Files.readAllBytes(zip);
        for (int at = 0; at + content.length <= bytes.length; at++) {
            if (java.util.Arrays.equals(bytes, at, at + content.length, content, 0, content.length)) {
                bytes[at + content.length / 2] ^= 1;
                Files.write(zip, bytes);
                return;
            }
        }
        throw new AssertionError("the content is not in the zip");
    }

    @Test
    void vgg16LocalFileWithoutTheConvBaseIsRefused() throws Exception {
        Path weights = Path.of(DatasetsTest.class.getResource("/dlwj/datasets/keras-weights.h5").toURI());

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> Vgg16Weights.notop(
                source().withLocalFile(Vgg16Weights.NOTOP.fileName(), weights)));

        assertTrue(e.getMessage().contains("no layer block1_conv2"), e.getMessage());
    }

    @Test
    void mirrorMissingTheFileExplainsWhereToPutIt() {
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> Mnist.loadData(source()));

        assertTrue(e.getMessage().contains("put mnist.npz at " + home.resolve("datasets/mnist.npz")), e.getMessage());
    }
}
