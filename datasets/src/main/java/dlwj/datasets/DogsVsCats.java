package dlwj.datasets;

import dlwj.datasets.files.ArchiveExtraction;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.DatasetUnavailableException;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.files.RemoteFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dogs vs cats with a small dataset (book section 5.2), in two forms:
 * <ul>
 *   <li>{@link #filtered}: TensorFlow's public {@code cats_and_dogs_filtered.zip}, 1,000 cats and 1,000
 *       dogs for training (the book's own training images, cat.0-999 and dog.0-999) and 500 + 500 for
 *       validation (images 2000-2499), no test split;</li>
 *   <li>{@link #bookSplit}: the book's {@code cats_and_dogs_small}, built from Kaggle's {@code train.zip}
 *       (which needs a Kaggle login, so it is never downloaded): images 0-999 of each class for training,
 *       1000-1499 for validation and 1500-1999 for test.</li>
 * </ul>
 */
public final class DogsVsCats {

    /** The class folders, in label order: cats are 0, dogs 1, as {@code flow_from_directory} sorts them. */
    public static final List<String> CLASSES = List.of("cats", "dogs");

    private static final String FILTERED_FOLDER = "cats_and_dogs_filtered";
    private static final String BOOK_FOLDER = "cats_and_dogs_small";
    private static final Pattern FILTERED_IMAGE =
            Pattern.compile(FILTERED_FOLDER + "/(train|validation)/(cats|dogs)/[^/]+\\.jpe?g");

    /**
     * TensorFlow's {@code cats_and_dogs_filtered.zip} (no checksum published: the image counts and every
     * entry's CRC-32 are checked).
     */
    public static final RemoteFile FILTERED = RemoteFile.of("datasets/" + FILTERED_FOLDER + ".zip",
            "https://storage.googleapis.com/mledu-datasets/cats_and_dogs_filtered.zip", null,
            68_606_236, DogsVsCats::checkFilteredZip);

    private static final Logger log = LoggerFactory.getLogger(DogsVsCats.class);

    private DogsVsCats() {
    }

    /** The book's split when Kaggle's {@code train.zip} (or its folder) is given, otherwise {@link #filtered}. */
    public static ImageFolders folders(Path kaggleTrainOrNull, DataSource source) {
        return kaggleTrainOrNull != null ? bookSplit(kaggleTrainOrNull, source) : filtered(source);
    }

    /** {@code cats_and_dogs_filtered}, downloaded and extracted, from the environment's {@link DataSource#fromEnvironment() source}. */
    public static ImageFolders filtered() {
        return filtered(DataSource.fromEnvironment());
    }

    public static ImageFolders filtered(DataSource source) {
        Path folder = source.getExtracted(FILTERED, FILTERED_FOLDER, DogsVsCats::checkFilteredFolder);
        return new ImageFolders(folder.resolve("train"), folder.resolve("validation"), null, CLASSES);
    }

    /**
     * The book's split, built once (idempotently) in the cache from Kaggle's {@code train.zip}, or from the
     * folder it extracts to, printing the image counts as the book does.
     */
    public static ImageFolders bookSplit(Path kaggleTrain, DataSource source) {
        Path target = source.home().resolve("datasets").resolve(BOOK_FOLDER);
        Map<String, int[]> splits = Map.of("train", new int[] {0, 1000}, "validation", new int[] {1000, 1500},
                "test", new int[] {1500, 2000});
        try (KaggleImages images = KaggleImages.open(kaggleTrain)) {
            for (String split : List.of("train", "validation", "test")) {
                int[] range = splits.get(split);
                for (String className : CLASSES) {
                    String animal = className.substring(0, className.length() - 1);
                    Path folder = Files.createDirectories(target.resolve(split).resolve(className));
                    for (int i = range[0]; i < range[1]; i++) {
                        images.copy(animal + "." + i + ".jpg", folder);
                    }
                    log.info("total {} {} images: {}", split, animal, ImageFolders.count(target.resolve(split), className));
                }
                ImageFolders.requireCompletePictures(target.resolve(split), CLASSES);
            }
        } catch (IOException e) {
            throw new DatasetUnavailableException("Could not build the book's dogs-vs-cats split from " + kaggleTrain
                    + " into " + target + ": " + e.getMessage() + "\nPass Kaggle's train.zip of the 'Dogs vs. Cats'"
                    + " competition, or the folder it extracts to (cat.0.jpg ... dog.12499.jpg).", e);
        }
        return new ImageFolders(target.resolve("train"), target.resolve("validation"), target.resolve("test"),
                CLASSES);
    }

    private static void checkFilteredZip(Path zipFile) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            zip.stream().map(ZipEntry::getName).map(FILTERED_IMAGE::matcher).filter(Matcher::matches)
                    .forEach(m -> counts.merge(m.group(1) + "/" + m.group(2), 1, Integer::sum));
        } catch (java.util.zip.ZipException e) {
            throw new InvalidDataFileException(zipFile.getFileName() + " is not a valid zip: " + e.getMessage(), e);
        }
        Map<String, Integer> expected = Map.of("train/cats", 1000, "train/dogs", 1000, "validation/cats", 500,
                "validation/dogs", 500);
        if (!counts.equals(expected)) {
            throw new InvalidDataFileException(zipFile.getFileName() + " holds " + counts + " images, expected "
                    + expected);
        }
        ArchiveExtraction.verifyEntries(zipFile);
    }

    /** The image counts, and every picture a complete JPEG: what makes a folder Keras extracted usable too. */
    private static void checkFilteredFolder(Path folder) throws IOException {
        for (String split : List.of("train", "validation")) {
            ImageFolders.requireCounts(folder.resolve(split), CLASSES, split.equals("train") ? 1000 : 500);
            ImageFolders.requireCompletePictures(folder.resolve(split), CLASSES);
        }
    }

    /** Kaggle's training images, from its zip or from the folder it extracts to. */
    private static final class KaggleImages implements AutoCloseable {
        private final Path folder;
        private final ZipFile zip;
        private final Map<String, ZipEntry> entries = new HashMap<>();

        private KaggleImages(Path folder, ZipFile zip) {
            this.folder = folder;
            this.zip = zip;
            if (zip != null) {
                zip.stream().filter(e -> !e.isDirectory())
                        .forEach(e -> entries.put(e.getName().substring(e.getName().lastIndexOf('/') + 1), e));
            }
        }

        static KaggleImages open(Path path) throws IOException {
            if (Files.isDirectory(path)) {
                return new KaggleImages(path, null);
            }
            if (!Files.isRegularFile(path)) {
                throw new IOException(path + " does not exist");
            }
            return new KaggleImages(null, new ZipFile(path.toFile()));
        }

        /**
         * Copies one image into {@code folder} unless an identical-size copy is already there: through
         * {@code .<name>.part}, which an interrupted copy leaves for the next one to overwrite, created with
         * the user's permissions, and from a zip only if its bytes match the entry's CRC-32.
         */
        void copy(String name, Path folder) throws IOException {
            Path target = folder.resolve(name);
            long size = size(name);
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return;
            }
            Path partial = folder.resolve("." + name + ".part");
            try {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    if (zip == null) {
                        Files.copy(existing(name), out);
                    } else {
                        ArchiveExtraction.copyVerified(Path.of(zip.getName()), zip, entry(name), out);
                    }
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        }

        private long size(String name) throws IOException {
            return zip == null ? Files.size(existing(name)) : entry(name).getSize();
        }

        private Path existing(String name) throws IOException {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new InvalidDataFileException(folder + " has no " + name);
            }
            return file;
        }

        private ZipEntry entry(String name) throws IOException {
            ZipEntry entry = entries.get(name);
            if (entry == null) {
                throw new InvalidDataFileException(zip.getName() + " has no " + name);
            }
            return entry;
        }

        @Override
        public void close() {
            try {
                if (zip != null) {
                    zip.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
