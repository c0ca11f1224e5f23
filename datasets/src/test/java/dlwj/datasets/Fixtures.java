package dlwj.datasets;

import com.google.gson.Gson;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.formats.KerasWeightsFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Small data files in the real formats of the book's datasets, written by the tests themselves. */
public final class Fixtures {

    private Fixtures() {
    }

    /** An .npz archive of the given .npy files, in order. */
    public static byte[] npz(Map<String, byte[]> arrays) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        arrays.forEach((name, npy) -> entries.put(name + ".npy", npy));
        return zip(entries);
    }

    public static Map<String, byte[]> arrays(Object... namesAndNpys) {
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        for (int i = 0; i < namesAndNpys.length; i += 2) {
            arrays.put((String) namesAndNpys[i], (byte[]) namesAndNpys[i + 1]);
        }
        return arrays;
    }

    /** A version 1.0 .npy file with the header numpy writes. */
    public static byte[] npy(String descr, long[] shape, byte[] data) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return npy("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims
                + (shape.length == 1 ? ",)" : ")") + ", }", data);
    }

    /** A version 1.0 .npy file with this header dict (padded as numpy pads it), well-formed or not. */
    public static byte[] npy(String header, byte[] data) {
        int padded = ((10 + header.length() + 1 + 63) / 64) * 64 - 10;
        header = header + " ".repeat(padded - header.length() - 1) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buffer.putShort((short) header.length());
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        buffer.put(data);
        return buffer.array();
    }

    public static byte[] npyFloat64(long[] shape, double... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        data.asDoubleBuffer().put(values);
        return npy("<f8", shape, data.array());
    }

    public static byte[] npyInt64(long... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        return npy("<i8", new long[] {values.length}, data.array());
    }

    public static byte[] npyUint8(long[] shape, byte[] values) {
        return npy("|u1", shape, values);
    }

    /**
     * An object array of int lists, pickled with protocol 2 exactly as in Keras' imdb.npz and reuters.npz
     * (written by numpy under Python 2): {@code _reconstruct(ndarray, (0,), 'b')}, then the state
     * {@code (1, shape, dtype('O8', 0, 1) with its state, False, [list, list, ...])}.
     */
    public static byte[] npyObjectSequences(int[][] sequences) {
        return npyObjectArray((Object[]) sequences);
    }

    /**
     * An object array pickled as {@link #npyObjectSequences} does, whose elements may be what Keras' files
     * never hold: each an {@code int[]} (a list of ints), a {@code List} of such values, an Integer, a
     * String, null (None), a Double or a Map (an empty dict).
     */
    public static byte[] npyObjectArray(Object... elements) {
        Pickle p = new Pickle();
        p.op(0x80).op(2);
        p.global("numpy.core.multiarray", "_reconstruct").global("numpy", "ndarray");
        p.integer(0).op(0x85).shortString("b").op(0x87).op('R');
        p.op('(').integer(1).integer(elements.length).op(0x85);
        p.global("numpy", "dtype").shortString("O8").integer(0).integer(1).op(0x87).op('R');
        p.op('(').integer(3).shortString("|").op('N').op('N').op('N').integer(-1).integer(-1).integer(63)
                .op('t').op('b');
        p.op(0x89).value(Arrays.asList(elements)).op('t').op('b').op('.');
        return npy("|O", new long[] {elements.length}, p.bytes.toByteArray());
    }

    /**
     * A CIFAR-10 {@code cifar-10-python.tar.gz} in the Toronto layout: {@code cifar-10-batches-py/} with five
     * training batches of {@code perBatch} pictures and a test batch of {@code testCount}, each the dict Python 2's
     * {@code cPickle} wrote (protocol 2): {@code data}, a {@code uint8} numpy array (samples, 3072) of channel
     * planes; {@code labels}, a list of ints; {@code batch_label} and {@code filenames}. Picture {@code i} of the
     * whole set (training first) has the value {@link #cifarValue} at each channel, row and column, and the label
     * {@code i % 10}.
     */
    public static byte[] cifar10TarGz(int perBatch, int testCount) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int batch = 1; batch <= 5; batch++) {
            entries.put("cifar-10-batches-py/data_batch_" + batch, cifarBatch((batch - 1) * perBatch, perBatch,
                    "training batch " + batch + " of 5"));
        }
        entries.put("cifar-10-batches-py/test_batch", cifarBatch(5 * perBatch, testCount, "testing batch 1 of 1"));
        return tarGz(entries);
    }

    /** The value of picture {@code sample} at {@code channel}, {@code row}, {@code column} in {@link #cifar10TarGz}. */
    public static int cifarValue(int sample, int channel, int row, int column) {
        return (sample * 7 + channel * 50 + row * 3 + column) & 0xff;
    }

    private static byte[] cifarBatch(int first, int count, String batchLabel) {
        byte[] data = new byte[count * 3072];
        List<Object> labels = new ArrayList<>();
        List<Object> fileNames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        data[((i * 3 + c) * 32 + y) * 32 + x] = (byte) cifarValue(first + i, c, y, x);
                    }
                }
            }
            labels.add((first + i) % 10);
            fileNames.add("picture_" + (first + i) + ".png");
        }
        Pickle p = new Pickle();
        p.op(0x80).op(2).op('}').op('(');
        p.shortString("data");
        p.global("numpy.core.multiarray", "_reconstruct").global("numpy", "ndarray");
        p.integer(0).op(0x85).shortString("b").op(0x87).op('R');
        p.op('(').integer(1).integer(count).integer(3072).op(0x86);
        p.global("numpy", "dtype").shortString("u1").integer(0).integer(1).op(0x87).op('R');
        p.op('(').integer(3).shortString("|").op('N').op('N').op('N').integer(-1).integer(-1).integer(0)
                .op('t').op('b');
        p.op(0x89).binString(data).op('t').op('b');
        p.shortString("labels").value(labels);
        p.shortString("batch_label").shortString(batchLabel);
        p.shortString("filenames").value(fileNames);
        p.op('u').op('.');
        return p.bytes.toByteArray();
    }

    /** Protocol-2 pickle opcodes, as CPython's pickler writes them. */
    private static final class Pickle {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Pickle op(int code) {
            bytes.write(code);
            return this;
        }

        Pickle global(String module, String name) {
            op('c');
            bytes.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Pickle shortString(String value) {
            op('U').op(value.length());
            bytes.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        /** Python 2's {@code str} of any length, as numpy pickles an array's bytes. */
        Pickle binString(byte[] value) {
            op('T');
            bytes.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value.length).array());
            bytes.writeBytes(value);
            return this;
        }

        Pickle value(Object value) {
            if (value instanceof int[] ints) {
                return value(Arrays.stream(ints).boxed().toList());
            }
            if (value instanceof List<?> list) {
                op(']').op('(');
                list.forEach(this::value);
                return op('e');
            }
            if (value instanceof Integer i) {
                return integer(i);
            }
            if (value instanceof String s) {
                return shortString(s);
            }
            if (value instanceof Double d) {
                op('G');
                bytes.writeBytes(ByteBuffer.allocate(8).putDouble(d).array());
                return this;
            }
            if (value instanceof Map<?, ?>) {
                return op('}');
            }
            return op('N');
        }

        Pickle integer(int value) {
            if (value >= 0 && value < 256) {
                return op('K').op(value);
            }
            if (value >= 0 && value < 65536) {
                return op('M').op(value & 0xff).op(value >>> 8);
            }
            op('J');
            for (int i = 0; i < 4; i++) {
                op((value >>> (8 * i)) & 0xff);
            }
            return this;
        }
    }

    /** A gzipped IDX file of unsigned bytes, as MNIST's and Fashion-MNIST's. */
    public static byte[] idxGz(byte[] data, int... dims) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims.length);
            header.putInt(0x0800 | dims.length);
            for (int dim : dims) {
                header.putInt(dim);
            }
            gzip.write(header.array());
            gzip.write(data);
        }
        return bytes.toByteArray();
    }

    /** Keras' word index JSON. */
    public static byte[] wordIndexJson(Map<String, Integer> ranks) {
        return new Gson().toJson(ranks).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A gzipped tar of these entries, in order, as GNU tar writes one (long names as GNU long-name entries):
     * a name ending in {@code /} is a folder, one mapped to {@code null} a symbolic link to {@code /etc/passwd}.
     */
    public static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry header;
                if (entry.getValue() == null) {
                    header = new TarArchiveEntry(entry.getKey(), TarArchiveEntry.LF_SYMLINK);
                    header.setLinkName("/etc/passwd");
                } else {
                    header = new TarArchiveEntry(entry.getKey(), true); // names as given, "../" kept
                    header.setMode(entry.getKey().endsWith("/") ? 040755 : 0100644);
                    header.setSize(entry.getKey().endsWith("/") ? 0 : entry.getValue().length);
                }
                tar.putArchiveEntry(header);
                if (entry.getValue() != null) {
                    tar.write(entry.getValue());
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Files, in order: names and contents, a {@code String} content in UTF-8. */
    public static Map<String, byte[]> files(Object... namesAndContents) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Object content = namesAndContents[i + 1];
            files.put((String) namesAndContents[i], content instanceof String text
                    ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) content);
        }
        return files;
    }

    /** A zip of these entries, in order, deflated. */
    /** A zip whose entries are stored, not deflated, as numpy's {@code np.savez} writes an npz. */
    public static byte[] storedZip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(storedEntry(entry.getKey(), entry.getValue()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * The entries of an {@code aclImdb_v1.tar.gz} in Stanford's layout, in an order {@code os.listdir} could
     * give: reviews {@code ID_RATING.txt} in {@code aclImdb/{train,test}/{neg,pos}/} (train/neg's two in
     * reverse name order, one with Windows line ends, beside a file that is not a review), and what the book
     * ignores: {@code README}, {@code imdb.vocab}, {@code train/unsup/}, a {@code .feat} file. A map to change
     * before {@link #tarGz}.
     */
    public static Map<String, byte[]> aclImdb() {
        return files("aclImdb/", "", "aclImdb/README", "Large Movie Review Dataset v1.0", "aclImdb/imdb.vocab",
                "the\nand\n", "aclImdb/train/", "", "aclImdb/train/neg/", "",
                "aclImdb/train/neg/2_1.txt", "Awful.\r\nTruly awful.", "aclImdb/train/neg/10_2.txt", "A dull film.",
                "aclImdb/train/neg/notes.md", "not a review", "aclImdb/train/pos/0_9.txt", "Loved it.",
                "aclImdb/train/unsup/0_0.txt", "unlabelled", "aclImdb/train/labeledBow.feat", "0 0:1",
                "aclImdb/test/neg/0_4.txt", "Meh.", "aclImdb/test/pos/1_8.txt", "Good.",
                "aclImdb/test/pos/0_10.txt", "Great <br /><br />fun, caf\u00e9 included.");
    }

    /**
     * A {@code glove.6B.zip} in Stanford's layout: {@code glove.6B.50d.txt} ... {@code glove.6B.300d.txt} at its
     * root, each the {@link #gloveText} of {@code words}, unless {@code replaced} gives a member's text.
     */
    public static byte[] gloveZip(List<String> words, Map<Integer, String> replaced) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int dimension : new int[] {50, 100, 200, 300}) {
            String text = replaced.getOrDefault(dimension, gloveText(dimension, words));
            members.put("glove.6B." + dimension + "d.txt", text.getBytes(StandardCharsets.UTF_8));
        }
        return zip(members);
    }

    /**
     * GloVe's text format: a line per word, the word and {@code dimension} values separated by single spaces;
     * value {@code j} of word {@code w} is {@code (w + 1) * (j + 1) / 1000}, negative for odd {@code j}.
     */
    public static String gloveText(int dimension, List<String> words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words.size(); w++) {
            text.append(words.get(w));
            for (int j = 0; j < dimension; j++) {
                text.append(' ').append(String.format(Locale.ROOT, "%.5f", (j % 2 == 0 ? 1 : -1) * (w + 1) * (j + 1)
                        / 1000.0));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * {@code jena_climate_2009_2016.csv} with its header and {@code rows} rows every 10 minutes from
     * 01.01.2009 00:10:00, the first one the real file's, then the temperature up by 0.01 each row; no final
     * line end, as in Keras' file.
     */
    public static String jenaCsv(int rows) {
        StringJoiner csv = new StringJoiner("\n");
        csv.add("\"Date Time\",\"p (mbar)\",\"T (degC)\",\"Tpot (K)\",\"Tdew (degC)\",\"rh (%)\",\"VPmax (mbar)\","
                + "\"VPact (mbar)\",\"VPdef (mbar)\",\"sh (g/kg)\",\"H2OC (mmol/mol)\",\"rho (g/m**3)\",\"wv (m/s)\","
                + "\"max. wv (m/s)\",\"wd (deg)\"");
        LocalDateTime time = LocalDateTime.of(2009, 1, 1, 0, 10);
        for (int row = 0; row < rows; row++) {
            csv.add(time.plusMinutes(10L * row).format(DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss"))
                    + String.format(Locale.ROOT, ",996.52,%.2f,265.40,-8.90,93.30,3.33,3.11,0.22,1.94,3.12,1307.75,1.03,"
                    + "1.75,152.30", -8.02 + 0.01 * row));
        }
        return csv.toString();
    }

    /** Keras' {@code jena_climate_2009_2016.csv.zip}: the CSV at its root. */
    public static byte[] jenaZip(String csv) throws IOException {
        return zip(files("jena_climate_2009_2016.csv", csv));
    }

    /** A zip entry stored uncompressed, with the sizes and CRC-32 that {@code ZipOutputStream} needs up front. */
    public static java.util.zip.ZipEntry storedEntry(String name, byte[] content) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(content);
        java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry(name);
        entry.setMethod(java.util.zip.ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        return entry;
    }

    /**
     * A zip in the layout of cats_and_dogs_filtered.zip, with tiny random JPEGs that a convnet can tell
     * apart: the cats' noise is reddish, the dogs' bluish.
     */
    public static byte[] catsAndDogsZip(int trainPerClass, int validationPerClass) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Random random = new Random(1);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String split : new String[] {"train", "validation"}) {
                int count = split.equals("train") ? trainPerClass : validationPerClass;
                int first = split.equals("train") ? 0 : 2000;
                for (String animal : new String[] {"cat", "dog"}) {
                    for (int i = first; i < first + count; i++) {
                        zip.putNextEntry(new ZipEntry("cats_and_dogs_filtered/" + split + "/" + animal + "s/" + animal
                                + "." + i + ".jpg"));
                        zip.write(tintedJpeg(12, 9, random, animal.equals("cat") ? 0xC00000 : 0x0000C0));
                        zip.closeEntry();
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    public static byte[] jpeg(int width, int height, Random random) throws IOException {
        return tintedJpeg(width, height, random, 0);
    }

    /** Random pixels with {@code tint} (RGB) added to each, saturating at 255. */
    private static byte[] tintedJpeg(int width, int height, Random random, int tint) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int pixel = random.nextInt(1 << 24);
                int rgb = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int value = tint == 0 ? (pixel >> shift) & 0xFF
                            : Math.min(255, ((pixel >> shift) & 0x3F) + ((tint >> shift) & 0xFF));
                    rgb |= value << shift;
                }
                image.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", bytes);
        return bytes.toByteArray();
    }

    /** The pixels and labels of a {@link #mnistNpz} fixture, row-major as in the file. */
    public record Digits(Path file, byte[] trainImages, byte[] trainLabels, byte[] testImages, byte[] testLabels) {
    }

    /**
     * A learnable {@code mnist.npz} in Keras' layout: 28x28 uint8 images of dim noise, each with a bright
     * 6x6 square whose position is set by its label (0-9), so a small network beats chance in a few steps.
     */
    public static Digits mnistNpz(Path file, int trainCount, int testCount, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] trainLabels = new byte[trainCount];
        byte[] testLabels = new byte[testCount];
        byte[] trainImages = digitImages(trainLabels, random);
        byte[] testImages = digitImages(testLabels, random);
        write(file, npz(arrays(
                "x_train", npyUint8(new long[] {trainCount, 28, 28}, trainImages),
                "y_train", npyUint8(new long[] {trainCount}, trainLabels),
                "x_test", npyUint8(new long[] {testCount, 28, 28}, testImages),
                "y_test", npyUint8(new long[] {testCount}, testLabels))));
        return new Digits(file, trainImages, trainLabels, testImages, testLabels);
    }

    private static byte[] digitImages(byte[] labels, Random random) {
        byte[] pixels = new byte[labels.length * 28 * 28];
        for (int i = 0; i < labels.length; i++) {
            int label = random.nextInt(10);
            labels[i] = (byte) label;
            int top = 3 + (label / 5) * 13 + random.nextInt(3);
            int left = 1 + (label % 5) * 5 + random.nextInt(2);
            for (int p = 0; p < 28 * 28; p++) {
                int row = p / 28;
                int column = p % 28;
                boolean square = row >= top && row < top + 6 && column >= left && column < left + 6;
                pixels[i * 28 * 28 + p] = (byte) (square ? 200 + random.nextInt(56) : random.nextInt(80));
            }
        }
        return pixels;
    }

    /**
     * A learnable {@code imdb.npz} and {@code imdb_word_index.json} in {@code dir}: reviews of 20-40 random
     * words (ranks 1-500, named {@code w1}...{@code w500}), positive ones with a few words of ranks 50-59,
     * negative ones of ranks 60-69.
     */
    public static void imdb(Path dir, int trainCount, int testCount, long seed) throws IOException {
        Random random = new Random(seed);
        long[] trainLabels = new long[trainCount];
        long[] testLabels = new long[testCount];
        int[][] train = labelledSequences(trainLabels, 2, 50, random);
        int[][] test = labelledSequences(testLabels, 2, 50, random);
        write(dir.resolve("imdb.npz"), npz(arrays(
                "x_test", npyObjectSequences(test), "x_train", npyObjectSequences(train),
                "y_train", npyInt64(trainLabels), "y_test", npyInt64(testLabels))));
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (int rank = 1; rank <= 500; rank++) {
            ranks.put("w" + rank, rank);
        }
        write(dir.resolve("imdb_word_index.json"), wordIndexJson(ranks));
    }

    /**
     * A learnable {@code reuters.npz} ({@code x}, {@code y}, split 80/20 by Keras' loader): newswires of
     * random words, each with a few words of its topic's own block of ranks; topics 0-5 of the 46.
     */
    public static void reuters(Path file, int count, long seed) throws IOException {
        Random random = new Random(seed);
        long[] topics = new long[count];
        int[][] newswires = labelledSequences(topics, 6, 50, random);
        write(file, npz(arrays("x", npyObjectSequences(newswires), "y", npyInt64(topics))));
    }

    private static int[][] labelledSequences(long[] labels, int classes, int firstMarker, Random random) {
        int[][] sequences = new int[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            int label = random.nextInt(classes);
            labels[i] = label;
            int[] words = new int[20 + random.nextInt(21)];
            for (int w = 0; w < words.length; w++) {
                words[w] = w % 4 == 0 ? firstMarker + 10 * label + random.nextInt(10) : 1 + random.nextInt(500);
            }
            sequences[i] = words;
        }
        return sequences;
    }

    /** The data source of a test: its cache in {@code home}, no Keras cache, files from the {@code mirror} folder. */
    public static DataSource offlineSource(Path home, Path mirror) {
        return DataSource.fromEnvironment().withHome(home).withKerasHome(home.resolve("no-keras"))
                .withMirror(mirror.toString());
    }

    /**
     * {@link #offlineSource} with {@code content} written to {@code mirror/given.tar.gz} and given as the local file
     * {@code fileName} (so not the published one), as {@code --local-file fileName=PATH} gives it.
     */
    public static DataSource givenArchive(Path home, Path mirror, String fileName, byte[] content) throws IOException {
        Path file = write(mirror.resolve("given.tar.gz"), content);
        return offlineSource(home, mirror).withLocalFile(fileName, file);
    }

    /**
     * A {@code boston_housing.npz} ({@code x}: samples x 13 float64, {@code y}: prices) whose prices are a
     * linear function of the features plus noise, around 22 with a spread of about 9, as the real ones.
     */
    public static void bostonHousing(Path file, int count, long seed) throws IOException {
        Random random = new Random(seed);
        double[] features = new double[count * 13];
        double[] prices = new double[count];
        for (int i = 0; i < count; i++) {
            double price = 22;
            for (int f = 0; f < 13; f++) {
                double value = random.nextGaussian();
                features[i * 13 + f] = (f + 1) * 3 + (f + 1) * value;
                price += (f % 3 - 1) * 3 * value;
            }
            prices[i] = price + random.nextGaussian();
        }
        write(file, npz(arrays("x", npyFloat64(new long[] {count, 13}, features),
                "y", npyFloat64(new long[] {count}, prices))));
    }

    /**
     * A copy of the Keras weights file {@code weights} at {@code target} with one value of {@code layer}'s
     * kernel replaced by {@code value}: a file of the same size whose content differs. The value replaced is
     * the first whose four bytes occur once in the file, so that they are surely the weight's (Keras stores
     * a kernel contiguously).
     */
    public static Path withOneWeightReplaced(Path weights, String layer, float value, Path target)
            throws IOException {
        float[] kernel;
        try (KerasWeightsFile file = KerasWeightsFile.open(weights)) {
            kernel = file.weights(layer).get(0).values();
        }
        byte[] bytes = Files.readAllBytes(weights);
        for (float weight : kernel) {
            byte[] old = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(weight).array();
            List<Integer> places = new ArrayList<>();
            for (int i = 0; i + 4 <= bytes.length && places.size() < 2; i++) {
                if (Arrays.equals(bytes, i, i + 4, old, 0, 4)) {
                    places.add(i);
                }
            }
            if (places.size() == 1) {
                ByteBuffer.wrap(bytes, places.get(0), 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
                return write(target, bytes);
            }
        }
        throw new IllegalArgumentException("no weight of " + layer + " is stored in bytes found once in " + weights);
    }

    public static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, content);
    }
}
