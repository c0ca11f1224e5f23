package dlwj.datasets.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives read entry by entry: a tar.gz's and a zip's bytes checked, paths kept inside, links refused. */
class ArchiveExtractionTest {

    @TempDir
    Path dir;

    private static byte[] goodTarGz() throws IOException {
        return Fixtures.tarGz(Fixtures.files("data/", "", "data/a.txt", "first", "data/sub/b.txt", "second",
                "README", "outside the folder"));
    }

    @Test
    void tarGzFolderIsExtractedWithItsMarkerAndNothingElse() throws Exception {
        Path archive = Fixtures.write(dir.resolve("data.tar.gz"), goodTarGz());
        Path target = dir.resolve("cache/data");
        Files.createDirectories(target.getParent());

        ArchiveExtraction.extractFolder(archive, "abc", "data", target, FileValidator.NONE);

        assertEquals("first", Files.readString(target.resolve("a.txt")));
        assertEquals("second", Files.readString(target.resolve("sub/b.txt")));
        assertEquals("abc", ArchiveExtraction.sourceArchiveHash(target).orElseThrow());
        try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
            assertEquals(List.of(target), left.toList(), "no temporary folder, no README");
        }
    }

    @Test
    void tarGzEntriesAreListedInOrderWhateverTheArchiveIsCalled() throws Exception {
        Path archive = Fixtures.write(dir.resolve("no-extension"), goodTarGz());

        assertEquals(List.of("data/a.txt", "data/sub/b.txt", "README"), ArchiveExtraction.verifyEntries(archive));
    }

    @Test
    void truncatedTarGzIsDamagedNamingTheFile() throws Exception {
        byte[] good = Fixtures.tarGz(Fixtures.files("data/a.txt", new byte[50_000]));
        for (int length : new int[] {good.length - 4, good.length / 2, 30, 5, 0}) {
            Path archive = Fixtures.write(dir.resolve("data.tar.gz"), Arrays.copyOf(good, length));

            InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                    () -> ArchiveExtraction.verifyEntries(archive), "cut at " + length);

            assertTrue(e.getMessage().startsWith("data.tar.gz is truncated or damaged ("), e.getMessage());
        }
    }

    @Test
    void tarGzWithAFlippedByteFailsGzipsCheck() throws Exception {
        byte[] damaged = Fixtures.tarGz(Fixtures.files("data/a.txt", "x".repeat(10_000)));
        damaged[damaged.length - 6] ^= 1; // in the trailer's CRC-32: only the end of the stream can tell
        Path archive = Fixtures.write(dir.resolve("data.tar.gz"), damaged);

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> ArchiveExtraction.verifyEntries(archive));

        assertTrue(e.getMessage().startsWith("data.tar.gz is truncated or damaged ("), e.getMessage());
    }

    @Test
    void tarEntryLeavingTheArchiveIsRefusedAndNothingIsWrittenOutside() throws Exception {
        Path archive = Fixtures.write(dir.resolve("data.tar.gz"), Fixtures.tarGz(Fixtures.files(
                "data/a.txt", "first", "data/../../escaped.txt", "gotcha")));
        Path target = dir.resolve("cache/data");
        Files.createDirectories(target.getParent());

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> ArchiveExtraction.extractFolder(archive, "abc", "data", target, FileValidator.NONE));

        assertEquals("data.tar.gz has an entry outside its folder: data/../../escaped.txt", e.getMessage());
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
        assertFalse(Files.exists(target));
        try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
            assertEquals(0, left.count(), "no temporary folder left");
        }
    }

    @Test
    void tarSymbolicLinkIsRefused() throws Exception {
        Path archive = Fixtures.write(dir.resolve("data.tar.gz"), Fixtures.tarGz(Fixtures.files(
                "data/a.txt", "first", "data/link", null)));

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> ArchiveExtraction.verifyEntries(archive));

        assertEquals("data.tar.gz has an entry that is not a regular file: data/link (a symbolic link to /etc/passwd)",
                e.getMessage());
    }

    @Test
    void zipEntryLeavingTheArchiveIsRefused() throws Exception {
        Path archive = Fixtures.write(dir.resolve("data.zip"), Fixtures.zip(Fixtures.files(
                "data/a.txt", "first", "../escaped.txt", "gotcha")));

        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> ArchiveExtraction.verifyEntries(archive));

        assertEquals("data.zip has an entry outside its folder: ../escaped.txt", e.getMessage());
    }

    @Test
    void zipEntryIsStreamedAndCheckedToItsEnd() throws Exception {
        byte[] text = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
        Path archive = Fixtures.write(dir.resolve("data.zip"), Fixtures.zip(Fixtures.files(
                "other.txt", "x", "data.txt", text)));

        assertEquals("one", ArchiveExtraction.readEntry(archive, "data.txt",
                in -> new String(in.readNBytes(3), StandardCharsets.UTF_8)));
        InvalidDataFileException missing = assertThrows(InvalidDataFileException.class,
                () -> ArchiveExtraction.readEntry(archive, "absent.txt", in -> 0));
        assertEquals("data.zip has no entry absent.txt", missing.getMessage());

        byte[] noise = new byte[1000];
        new Random(1).nextBytes(noise);
        byte[] damaged = Fixtures.zip(Fixtures.files("data.txt", noise));
        damaged[60] ^= 1; // in the deflated data
        Path bad = Fixtures.write(dir.resolve("bad.zip"), damaged);
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> ArchiveExtraction.readEntry(bad, "data.txt", in -> in.readNBytes(1)));
        assertTrue(e.getMessage().startsWith("bad.zip is damaged: its entry data.txt has "), e.getMessage());
    }
}
