package dlwj.datasets;

import dlwj.datasets.files.InvalidDataFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
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
     * Fails unless every JPEG of {@code classes} in {@code split} is complete and decodes without a
     * warning: it starts with the SOI marker, its last bytes hold the EOI marker (a truncated file has none),
     * and the whole picture decodes (a picture damaged in the middle decodes with grey or garbled rows and
     * only a warning from libjpeg, so a warning counts as damage). Decodes the pictures on all cores: a
     * check to run once, when a folder is extracted or first found.
     */
    static void requireCompletePictures(Path split, List<String> classes) throws IOException {
        List<Path> pictures = new ArrayList<>();
        for (String className : classes) {
            pictures.addAll(images(split, className));
        }
        Optional<String> damaged = pictures.parallelStream().map(ImageFolders::damage).flatMap(Optional::stream)
                .findFirst();
        if (damaged.isPresent()) {
            throw new InvalidDataFileException(damaged.get());
        }
    }

    /** What is wrong with {@code picture}, if anything. */
    private static Optional<String> damage(Path picture) {
        try {
            if (!isCompleteJpeg(picture)) {
                return Optional.of(picture + " is not a complete JPEG (truncated or damaged)");
            }
            return decodingProblem(picture).map(problem -> picture + " is a damaged JPEG (" + problem + ")");
        } catch (IOException e) {
            return Optional.of(picture + " cannot be read: " + e.getMessage());
        }
    }

    /** The first warning or error of decoding {@code picture} in full, as libjpeg reports it; empty if none. */
    private static Optional<String> decodingProblem(Path picture) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = ImageIO.createImageInputStream(picture.toFile())) {
            reader.setInput(in, true, true);
            reader.read(0);
        } catch (IIOException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        } finally {
            reader.dispose();
        }
        return warnings.stream().findFirst();
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
