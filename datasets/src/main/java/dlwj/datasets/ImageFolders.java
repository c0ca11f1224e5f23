package dlwj.datasets;

import dlwj.datasets.files.InvalidDataFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * An image classification dataset on disk, one folder per split and one subfolder per class, as the
 * book lays out dogs vs cats ({@code train/cats}, {@code train/dogs}, ...) for Keras'
 * {@code flow_from_directory} and DataVec's {@code ParentPathLabelGenerator}.
 *
 * @param train      the training images
 * @param validation the validation images
 * @param test       the test images, or {@code null} where the dataset has no test split
 *                   ({@code cats_and_dogs_filtered})
 * @param classes    the class folder names, in label order
 */
public record ImageFolders(Path train, Path validation, Path test, List<String> classes) {

    /** How far from its end a JPEG's EOI marker may be: some writers pad the file after it. */
    private static final int EOI_SEARCH_BYTES = 64;

    public boolean hasTest() {
        return test != null;
    }

    /** The number of JPEG images of class {@code className} in {@code split}. */
    public static long count(Path split, String className) {
        Path folder = split.resolve(className);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(ImageFolders::isJpeg).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The images of class {@code className} in {@code split}, sorted by name. */
    public static List<Path> images(Path split, String className) {
        try (Stream<Path> files = Files.list(split.resolve(className))) {
            return files.filter(ImageFolders::isJpeg).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isJpeg(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    /** Fails unless {@code split} holds exactly {@code perClass} images of each class. */
    static void requireCounts(Path split, List<String> classes, int perClass) throws InvalidDataFileException {
        for (String className : classes) {
            long count = count(split, className);
            if (count != perClass) {
                throw new InvalidDataFileException(split.resolve(className) + " holds " + count + " images, expected "
                        + perClass);
            }
        }
    }

    /**
     * Fails unless every JPEG of {@code classes} in {@code split} is complete: it starts with the SOI marker
     * and its last bytes hold the EOI marker (a truncated file has no EOI, as image decoders would find only
     * after decoding it, silently, with grey rows). Reads a few bytes of each file, so 3,000 pictures take
     * milliseconds.
     */
    static void requireCompletePictures(Path split, List<String> classes) throws IOException {
        for (String className : classes) {
            for (Path picture : images(split, className)) {
                if (!isCompleteJpeg(picture)) {
                    throw new InvalidDataFileException(picture + " is not a complete JPEG (truncated or damaged)");
                }
            }
        }
    }

    private static boolean isCompleteJpeg(Path picture) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(picture)) {
            ByteBuffer head = ByteBuffer.allocate(2);
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(channel.size(), EOI_SEARCH_BYTES));
            channel.read(head);
            channel.position(channel.size() - tail.capacity()).read(tail);
            if (head.position() < 2 || (head.get(0) & 0xFF) != 0xFF || (head.get(1) & 0xFF) != 0xD8) {
                return false;
            }
            for (int i = tail.position() - 2; i >= 0; i--) {
                if ((tail.get(i) & 0xFF) == 0xFF && (tail.get(i + 1) & 0xFF) == 0xD9) {
                    return true;
                }
            }
            return false;
        }
    }
}
