package dlwj.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.files.ArchiveExtraction;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.DatasetUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw IMDB reviews: aclImdb_v1.tar.gz extracted once, checked, and read as listing 6.8 reads it. */
class ImdbReviewsTest {

    private static final String ARCHIVE = "aclImdb_v1.tar.gz";

    @TempDir
    Path home;
    @TempDir
    Path mirror;

    /** The source of a test, with {@code archive} given as the local aclImdb_v1.tar.gz (not the published one). */
    private DataSource source(byte[] archive) throws Exception {
        return Fixtures.givenArchive(home, mirror, ARCHIVE, archive);
    }

    @Test
    void splitsAreReadNegativesFirstInFileNameOrder() throws Exception {
        DataSource source = source(Fixtures.tarGz(Fixtures.aclImdb()));

        TextData train = ImdbReviews.load("train", source);
        TextData test = ImdbReviews.load("test", source);

        assertEquals(List.of("A dull film.", "Awful.\nTruly awful.", "Loved it."), train.texts());
        assertArrayEquals(new int[] {0, 0, 1}, train.labels());
        assertEquals(List.of("Meh.", "Great <br /><br />fun, caf\u00e9 included.", "Good."), test.texts());
        assertArrayEquals(new int[] {0, 1, 1}, test.labels());
        Path folder = ImdbReviews.folder(source);
        assertEquals(home.resolve("datasets/aclImdb"), folder);
        assertTrue(Files.isRegularFile(folder.resolve("train/unsup/0_0.txt")), "the whole folder, as tar would extract it");
        assertTrue(Files.isRegularFile(folder.resolve(ArchiveExtraction.MARKER)));
    }

    @Test
    void aSourceChecksTheArchiveOnceForBothSplits() throws Exception {
        DataSource source = source(Fixtures.tarGz(Fixtures.aclImdb()));
        ImdbReviews.load("train", source);

        // the archive is not read again: the test split comes from the folder checked for the training split
        Files.write(mirror.resolve("given.tar.gz"), new byte[] {1, 2, 3});
        assertEquals(List.of("Meh.", "Great <br /><br />fun, caf\u00e9 included.", "Good."),
                ImdbReviews.load("test", source).texts());
        // a new run's source checks it again
        assertThrows(DatasetUnavailableException.class, () -> ImdbReviews.load("test",
                Fixtures.offlineSource(home, mirror).withLocalFile(ARCHIVE, mirror.resolve("given.tar.gz"))));
    }

    @Test
    void truncatedArchiveIsOneLineAndExtractsNothing() throws Exception {
        byte[] good = Fixtures.tarGz(Fixtures.aclImdb());

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> ImdbReviews.load("train", source(Arrays.copyOf(good, good.length * 2 / 3))));

        assertTrue(e.getMessage().contains("is not a valid aclImdb_v1.tar.gz: given.tar.gz is truncated or damaged ("),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertFalse(Files.exists(home.resolve("datasets/aclImdb")));
    }

    @Test
    void archiveWithAPathLeavingItIsRefusedAndWritesNothingOutside() throws Exception {
        Map<String, byte[]> entries = Fixtures.aclImdb();
        entries.put("aclImdb/train/pos/../../../../escaped.txt", new byte[] {'x'});

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> ImdbReviews.load("train", source(Fixtures.tarGz(entries))));

        assertTrue(e.getMessage().contains("given.tar.gz has an entry outside its folder: "
                + "aclImdb/train/pos/../../../../escaped.txt"), e.getMessage());
        try (Stream<Path> files = Files.walk(home.getParent(), 3)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().equals("escaped.txt")).toList());
        }
    }

    @Test
    void archiveWithoutReviewsInALabelledFolderIsRefused() throws Exception {
        Map<String, byte[]> entries = Fixtures.aclImdb();
        entries.keySet().removeIf(name -> name.startsWith("aclImdb/test/pos/"));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> ImdbReviews.load("test", source(Fixtures.tarGz(entries))));

        assertTrue(e.getMessage().contains("given.tar.gz has no reviews in aclImdb/test/pos"), e.getMessage());
    }

    @Test
    void archiveWithFilesOutsideAclImdbIsRefused() throws Exception {
        Map<String, byte[]> entries = Fixtures.aclImdb();
        entries.put("aclImdb_extra/notes.txt", new byte[] {'x'});

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> ImdbReviews.load("train", source(Fixtures.tarGz(entries))));

        assertTrue(e.getMessage().contains("given.tar.gz has a file outside aclImdb/: aclImdb_extra/notes.txt"),
                e.getMessage());
    }

    @Test
    void reviewThatIsNotUtf8NamesItsFile() throws Exception {
        Map<String, byte[]> entries = Fixtures.aclImdb();
        entries.put("aclImdb/train/pos/0_9.txt", new byte[] {'o', 'k', (byte) 0xE9, '!'}); // Latin-1, not UTF-8

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> ImdbReviews.load("train", source(Fixtures.tarGz(entries))));

        assertTrue(e.getMessage().contains("train/pos/0_9.txt is not UTF-8 text"), e.getMessage());
    }

    @Test
    void onlyTrainAndTestAreSplits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImdbReviews.load("unsup", DataSource.fromEnvironment()));

        assertEquals("The IMDB reviews have the splits 'train' and 'test', not 'unsup'", e.getMessage());
    }
}
