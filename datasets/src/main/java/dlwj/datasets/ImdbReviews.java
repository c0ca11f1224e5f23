package dlwj.datasets;

import dlwj.datasets.files.ArchiveExtraction;
import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.files.RemoteFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The IMDB reviews as raw text (book section 6.1.3): Stanford's Large Movie Review Dataset, 25,000
 * training and 25,000 test reviews, half negative and half positive, one text file each in
 * {@code aclImdb/{train,test}/{neg,pos}/}. The archive is downloaded and extracted into the cache as Keras'
 * {@code get_file(..., extract=True)} would, and {@link #load} reads a split as listing 6.8 does.
 */
public final class ImdbReviews {

    /** The class folders, in label order: {@code neg} is 0, {@code pos} 1, as listing 6.8 labels them. */
    public static final List<String> LABELS = List.of("neg", "pos");

    /** The splits: the folders of {@code aclImdb} that hold labelled reviews. */
    public static final List<String> SPLITS = List.of("train", "test");

    private static final String FOLDER = "aclImdb";

    /**
     * Stanford's {@code aclImdb_v1.tar.gz} (84,125,825 bytes). Stanford publishes no checksum: the SHA-256 is
     * the one Hugging Face's {@code datasets} and other loaders record for it (torchtext checks the MD5
     * {@code 7c2ac02c03563afcf9b574c7e56c153a}). The archive's structure is checked too (every file inside
     * {@code aclImdb/}, reviews in each of the four labelled folders, gzip's CRC-32), which is what protects
     * a copy given with {@code --local-file}.
     */
    public static final RemoteFile ARCHIVE = RemoteFile.of("datasets/aclImdb_v1.tar.gz",
            "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz",
            Checksum.sha256("c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"),
            84_125_825, ImdbReviews::checkArchive);

    private ImdbReviews() {
    }

    /**
     * The texts and labels (0 negative, 1 positive) of the split {@code "train"} or {@code "test"}, from the
     * environment's {@link DataSource#fromEnvironment() source}: listing 6.8's {@code texts} and {@code labels}.
     */
    public static TextData load(String split) {
        return load(split, DataSource.fromEnvironment());
    }

    /**
     * The split's texts and labels in listing 6.8's order: the negative reviews, then the positive ones,
     * each folder's {@code .txt} files in the order of their names. (The book walks {@code os.listdir},
     * whose order is arbitrary; sorted names make it the same on every machine, as {@code sorted(os.listdir(...))}
     * would.) Each text is read as Python 3's {@code open(...).read()} reads it: UTF-8, line ends as {@code \n}.
     */
    public static TextData load(String split, DataSource source) {
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("The IMDB reviews have the splits 'train' and 'test', not '" + split + "'");
        }
        Path folder = folder(source);
        return FileReading.read(folder, f -> read(f, split));
    }

    /** The extracted {@code aclImdb} folder, the book's {@code imdb_dir}, from the environment's {@link DataSource#fromEnvironment() source}. */
    public static Path folder() {
        return folder(DataSource.fromEnvironment());
    }

    public static Path folder(DataSource source) {
        return source.getExtracted(ARCHIVE, FOLDER, ImdbReviews::checkFolder);
    }

    static TextData read(Path folder, String split) throws IOException {
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < LABELS.size(); label++) {
            for (Path file : reviewFiles(folder.resolve(split).resolve(LABELS.get(label)))) {
                texts.add(text(file));
                labels.add(label);
            }
        }
        return new TextData(texts, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The {@code .txt} files of {@code folder}, sorted by name. */
    private static List<Path> reviewFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".txt") && Files.isRegularFile(f))
                    .sorted().toList();
        }
    }

    /** A review as Python 3 reads it: strict UTF-8, {@code \r\n} and {@code \r} as {@code \n}. */
    private static String text(Path file) throws IOException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
        } catch (CharacterCodingException e) {
            throw new InvalidDataFileException(file + " is not UTF-8 text (" + e + ")", e);
        }
    }

    /**
     * Every file of the archive inside {@code aclImdb/}, reviews in each of its four labelled folders, every
     * byte as gzip's CRC-32 says.
     */
    private static void checkArchive(Path archive) throws IOException {
        Map<String, Integer> reviews = new TreeMap<>();
        for (String split : SPLITS) {
            for (String label : LABELS) {
                reviews.put(split + "/" + label, 0);
            }
        }
        for (String name : ArchiveExtraction.verifyEntries(archive)) {
            if (!name.startsWith(FOLDER + "/")) {
                throw new InvalidDataFileException(archive.getFileName() + " has a file outside " + FOLDER + "/: " + name);
            }
            String[] parts = name.split("/");
            if (parts.length == 4 && parts[3].endsWith(".txt")) {
                reviews.computeIfPresent(parts[1] + "/" + parts[2], (folder, count) -> count + 1);
            }
        }
        for (Map.Entry<String, Integer> folder : reviews.entrySet()) {
            if (folder.getValue() == 0) {
                throw new InvalidDataFileException(archive.getFileName() + " has no reviews in " + FOLDER + "/"
                        + folder.getKey() + " (expected 12,500 .txt files)");
            }
        }
    }

    /**
     * Reviews in each of the four labelled folders, every one UTF-8 text: what makes an extracted folder
     * usable (Keras' too), checked once, when it is extracted or first found.
     */
    private static void checkFolder(Path folder) throws IOException {
        for (String split : SPLITS) {
            for (String label : LABELS) {
                Path reviews = folder.resolve(split).resolve(label);
                if (!Files.isDirectory(reviews) || reviewFiles(reviews).isEmpty()) {
                    throw new InvalidDataFileException(reviews + " holds no reviews (.txt files)");
                }
                for (Path review : reviewFiles(reviews)) {
                    text(review);
                }
            }
        }
    }
}
