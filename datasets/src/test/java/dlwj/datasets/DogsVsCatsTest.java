package dlwj.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.files.ArchiveExtraction;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.DatasetUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** cats_and_dogs_filtered: damaged archives and pictures are never published, extracted folders follow their archive. */
class DogsVsCatsTest {

    private static final String ZIP = "cats_and_dogs_filtered.zip";
    private static final String CAT_5 = "cats_and_dogs_filtered/train/cats/cat.5.jpg";
    private static byte[] goodZip;

    @TempDir
    Path home;
    @TempDir
    Path kerasHome;
    @TempDir
    Path mirror;

    @BeforeAll
    static void writeTheZip() throws IOException {
        goodZip = Fixtures.catsAndDogsZip(1000, 500);
    }

    private DataSource source() {
        return DataSource.fromEnvironment().withHome(home).withKerasHome(kerasHome).withMirror(mirror.toString());
    }

    static Stream<Arguments> damagedZips() throws IOException {
        byte[] flipped = goodZip.clone();
        for (int i = flipped.length / 2; i < flipped.length / 2 + 64; i++) {
            flipped[i] ^= (byte) 0xFF;
        }
        return Stream.of(Arguments.of("flipped bytes", flipped),
                Arguments.of("a truncated picture whose CRC-32 is right", rewrite(goodZip, CAT_5,
                        jpeg -> Arrays.copyOf(jpeg, jpeg.length / 2), ZipEntry.DEFLATED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedZips")
    void cachedZipThatIsDamagedIsFetchedAgainFromTheMirror(String damage, byte[] damaged) throws Exception {
        Fixtures.write(home.resolve("datasets").resolve(ZIP), damaged);
        Fixtures.write(mirror.resolve(ZIP), goodZip);

        ImageFolders folders = DogsVsCats.filtered(source());

        assertArrayEquals(goodZip, Files.readAllBytes(home.resolve("datasets").resolve(ZIP)));
        assertEquals(sha256(goodZip), marker(folders));
    }

    @Test
    void zipWithAFlippedByteIsRefusedNamingTheArchiveAndTheEntry() throws Exception {
        byte[] damaged = rewrite(goodZip, CAT_5, UnaryOperator.identity(), ZipEntry.STORED);
        int picture = indexOf(damaged, Arrays.copyOfRange(Fixtures.jpeg(1, 1, new Random()), 0, 2),
                indexOf(damaged, CAT_5.getBytes(StandardCharsets.US_ASCII), 0));
        damaged[picture + 40] ^= 1; // a stored entry: only its CRC-32 can tell
        Path local = Fixtures.write(mirror.resolve("given.zip"), damaged);

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> DogsVsCats.filtered(source().withLocalFile(ZIP, local)));

        assertTrue(e.getMessage().contains("given.zip is damaged: its entry " + CAT_5 + " has CRC-32"), e.getMessage());
        assertFalse(Files.exists(home.resolve("datasets/cats_and_dogs_filtered")));
    }

    @Test
    void truncatedPictureIsNeverPublishedAndHalfFoldersAreCleanedUp() throws Exception {
        Fixtures.write(home.resolve("datasets/.cats_and_dogs_filtered.4410192/train/cats/cat.0.jpg"), new byte[9]);
        Fixtures.write(mirror.resolve(ZIP), rewrite(goodZip, CAT_5, jpeg -> Arrays.copyOf(jpeg, jpeg.length / 2),
                ZipEntry.DEFLATED));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> DogsVsCats.filtered(source()));

        assertTrue(e.getMessage().contains("cats_and_dogs_filtered.zip: " + CAT_5 + " is not a complete JPEG"),
                e.getMessage());
        assertFalse(Files.exists(home.resolve("datasets/cats_and_dogs_filtered")));
        assertFalse(Files.exists(home.resolve("datasets").resolve(ZIP)), "the damaged download is not kept");
        try (Stream<Path> left = Files.list(home.resolve("datasets"))) {
            assertEquals(List.of(), left.filter(Files::isDirectory).toList(), "no half-extracted folder");
        }

        Fixtures.write(mirror.resolve(ZIP), goodZip);
        assertEquals(sha256(goodZip), marker(DogsVsCats.filtered(source())), "a good mirror is used the next time");
    }

    @Test
    void kerasPictureZeroedInTheMiddleIsNotUsed() throws Exception {
        Fixtures.write(mirror.resolve(ZIP), goodZip);
        Path keras = DogsVsCats.filtered(source().withHome(kerasHome)).train().getParent();
        Files.delete(keras.resolve(ArchiveExtraction.MARKER)); // Keras writes none
        Path cat = keras.resolve("train/cats/cat.5.jpg");
        byte[] picture = Files.readAllBytes(cat);
        Arrays.fill(picture, picture.length / 2, picture.length / 2 + 16, (byte) 0); // complete, but damaged inside
        Files.write(cat, picture);

        ImageFolders folders = DogsVsCats.filtered(source());

        assertEquals(home.resolve("datasets/cats_and_dogs_filtered/train"), folders.train(), "extracted from the zip");
        assertEquals(sha256(goodZip), marker(folders));
    }

    @Test
    void folderIsExtractedAgainWhenItsArchiveChanges() throws Exception {
        Fixtures.write(mirror.resolve(ZIP), goodZip);
        ImageFolders first = DogsVsCats.filtered(source());
        byte[] otherZip = rewrite(goodZip, CAT_5, jpeg -> dogPicture(), ZipEntry.DEFLATED);
        Fixtures.write(home.resolve("datasets").resolve(ZIP), otherZip);

        ImageFolders second = DogsVsCats.filtered(source());

        assertEquals(first, second);
        assertEquals(sha256(otherZip), marker(second));
        assertArrayEquals(dogPicture(), Files.readAllBytes(second.train().resolve("cats/cat.5.jpg")));
    }

    @Test
    void folderWithoutItsArchiveRecordIsExtractedAgain() throws Exception {
        Fixtures.write(mirror.resolve(ZIP), goodZip);
        Path folder = home.resolve("datasets/cats_and_dogs_filtered");
        DogsVsCats.filtered(source());
        Files.delete(folder.resolve(ArchiveExtraction.MARKER));
        Fixtures.write(folder.resolve("train/cats/stray.jpg"), Fixtures.jpeg(2, 2, new Random(5)));

        DogsVsCats.filtered(source());

        assertFalse(Files.exists(folder.resolve("train/cats/stray.jpg")));
        assertEquals(sha256(goodZip), marker(new ImageFolders(folder.resolve("train"), null, null, List.of())));
    }

    @Test
    void pictureChangedInTheExtractedFolderIsExtractedAgain() throws Exception {
        Fixtures.write(mirror.resolve(ZIP), goodZip);
        Path cat = DogsVsCats.filtered(source()).train().resolve("cats/cat.5.jpg");
        byte[] picture = Files.readAllBytes(cat);
        Files.write(cat, Arrays.copyOf(picture, picture.length / 2));

        DogsVsCats.filtered(source());

        assertArrayEquals(picture, Files.readAllBytes(cat));
    }

    @Test
    void kerasPictureThatDecodesButIsNotItsZipsIsNotUsed() throws Exception {
        Fixtures.write(mirror.resolve(ZIP), goodZip);
        Path keras = DogsVsCats.filtered(source().withHome(kerasHome)).train().getParent(); // beside Keras' zip
        Files.delete(keras.resolve(ArchiveExtraction.MARKER)); // Keras writes none
        Path cat = keras.resolve("train/cats/cat.5.jpg");
        byte[] original = Files.readAllBytes(cat);
        Files.write(cat, dogPicture()); // a complete picture, but another

        ImageFolders folders = DogsVsCats.filtered(source());

        assertEquals(home.resolve("datasets/cats_and_dogs_filtered/train"), folders.train(), "extracted from the zip");
        assertArrayEquals(original, Files.readAllBytes(folders.train().resolve("cats/cat.5.jpg")));
    }

    @Test
    void kerasFolderIsUsedOnlyWhileEveryPictureIsComplete() throws Exception {
        Fixtures.write(mirror.resolve(ZIP), goodZip);
        Path keras = DogsVsCats.filtered(source().withHome(kerasHome)).train().getParent();
        Files.delete(keras.resolve(ArchiveExtraction.MARKER)); // Keras writes none
        Files.delete(mirror.resolve(ZIP));

        assertEquals(keras.resolve("train"), DogsVsCats.filtered(source()).train(), "used without its zip");

        Path cat = keras.resolve("train/cats/cat.5.jpg");
        Files.write(cat, Arrays.copyOf(Files.readAllBytes(cat), 100));
        Fixtures.write(mirror.resolve(ZIP), goodZip);
        assertEquals(home.resolve("datasets/cats_and_dogs_filtered/train"), DogsVsCats.filtered(source()).train());
    }

    private static byte[] dogPicture() {
        try {
            return Fixtures.jpeg(12, 9, new Random(7));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String marker(ImageFolders folders) throws IOException {
        return Files.readAllLines(folders.train().getParent().resolve(ArchiveExtraction.MARKER)).get(0);
    }

    /** The zip with entry {@code name}'s bytes changed, and written with {@code method}. */
    private static byte[] rewrite(byte[] zip, String name, UnaryOperator<byte[]> change, int method)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                ZipEntry copy = new ZipEntry(entry.getName());
                if (entry.getName().equals(name)) {
                    content = change.apply(content);
                    copy = method == ZipEntry.STORED ? Fixtures.storedEntry(entry.getName(), content) : copy;
                }
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
