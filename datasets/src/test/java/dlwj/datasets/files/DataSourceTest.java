package dlwj.datasets.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dlwj.datasets.Fixtures;
import dlwj.datasets.formats.Npz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching, verifying and caching data files, against a loopback HTTP server. */
class DataSourceTest {

    @TempDir
    Path home;
    @TempDir
    Path kerasHome;
    @TempDir
    Path elsewhere;

    private FixtureServer server;
    private byte[] content;
    private RemoteFile file;

    @BeforeEach
    void serveAnNpz() throws Exception {
        content = Fixtures.npz(Fixtures.arrays("x", Fixtures.npyInt64(1, 2, 3)));
        server = new FixtureServer().serve("/data/sample.npz", content);
        file = remoteFile(server.url("/data/sample.npz"), sha256(content));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private DataSource source() {
        return DataSource.fromEnvironment().withHome(home).withKerasHome(kerasHome).withMirror(null)
                .withRetries(3, Duration.ofMillis(5));
    }

    private static RemoteFile remoteFile(String url, String sha256) {
        return RemoteFile.of("datasets/sample.npz", url, Checksum.sha256(sha256), 20_000, Npz.holding("x"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void firstDownloadIsVerifiedAndCachedThenReused() throws IOException {
        Path path = source().get(file);

        assertEquals(home.resolve("datasets/sample.npz"), path);
        assertArrayEquals(content, Files.readAllBytes(path));
        assertEquals(path, source().get(file));
        assertEquals(1, server.requests("/data/sample.npz"), "the second load is a cache hit");
        assertNoPartialFiles();
    }

    @Test
    void checksumMismatchFailsAtOnceAndCachesNothing() throws IOException {
        RemoteFile wrongHash = remoteFile(file.origin().toString(), "00".repeat(32));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> source().get(wrongHash));

        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertTrue(e.getMessage().contains(file.origin().toString()), e.getMessage());
        assertEquals(1, server.requests("/data/sample.npz"), "a wrong file is not fetched again");
        assertFalse(Files.exists(home.resolve("datasets/sample.npz")));
        assertNoPartialFiles();
    }

    @Test
    void truncatedBodyIsRetried() throws IOException {
        server.failNext(FixtureServer.Failure.TRUNCATED);

        Path path = source().get(file);

        assertArrayEquals(content, Files.readAllBytes(path));
        assertEquals(2, server.requests("/data/sample.npz"));
    }

    @Test
    void bodyTruncatedEveryTimeFailsAfterTheRetries() throws IOException {
        server.failNext(FixtureServer.Failure.TRUNCATED, FixtureServer.Failure.TRUNCATED,
                FixtureServer.Failure.TRUNCATED);

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> source().get(file));

        assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
        assertEquals(3, server.requests("/data/sample.npz"));
        assertFalse(Files.exists(home.resolve("datasets/sample.npz")));
        assertNoPartialFiles();
    }

    @Test
    void notFoundFailsAtOnceWithTheUrlAndWhatToDoOffline() {
        RemoteFile missing = remoteFile(server.url("/moved/sample.npz"), "00".repeat(32));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> source().get(missing));

        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains(server.url("/moved/sample.npz")), e.getMessage());
        assertTrue(e.getMessage().contains(home.resolve("datasets/sample.npz").toString()), e.getMessage());
        assertEquals(1, server.requests("/moved/sample.npz"));
    }

    @Test
    void stalledTransferIsRetried() throws IOException {
        server.failNext(FixtureServer.Failure.TRICKLE);

        Path path = source().withStallTimeout(Duration.ofSeconds(1)).get(file);

        assertArrayEquals(content, Files.readAllBytes(path));
        assertEquals(2, server.requests("/data/sample.npz"));
    }

    @Test
    void serverSendingFiveBytesASecondFailsWithTheUrlAndTheBytesReceived() throws IOException {
        server.failNext(FixtureServer.Failure.TRICKLE, FixtureServer.Failure.TRICKLE);

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> source().withRetries(2, Duration.ofMillis(5)).withStallTimeout(Duration.ofSeconds(1)).get(file));

        String message = e.getMessage();
        assertTrue(message.contains(file.origin() + " (2 attempts in "), message);
        assertTrue(message.matches("(?s).*the transfer broke off after \\d+ B of 201 B: it stalled \\(less than 1.0 KB in 1 s\\).*"),
                message);
        assertNoPartialFiles();
    }

    @Test
    void serverThatKeepsSendingIsCutOffPastThePublishedSize() throws IOException {
        server.failNext(FixtureServer.Failure.ENDLESS);

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> source().get(file));

        assertTrue(e.getMessage().contains("the server kept sending past 22.0 KB, far more than the 19.5 KB of the "
                + "published sample.npz (a different file, or a broken mirror); the download was cut off"), e.getMessage());
        assertEquals(1, server.requests("/data/sample.npz"), "not tried again");
        assertFalse(Files.exists(home.resolve("datasets/sample.npz")));
        assertNoPartialFiles();
    }

    @Test
    void fileAnnouncedLargerThanPublishedIsRefusedBeforeItIsFetched() throws Exception {
        byte[] large = Fixtures.npz(Fixtures.arrays("x", Fixtures.npyInt64(new Random(2).longs(5_000).toArray())));
        server.serve("/data/large.npz", large);

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> source().get(remoteFile(server.url("/data/large.npz"), sha256(large))));

        assertTrue(e.getMessage().matches("(?s).*: it is 3\\d\\.\\d KB, far more than the 19.5 KB of the published "
                + "sample\\.npz.*"), e.getMessage());
        assertFalse(Files.exists(home.resolve("datasets/sample.npz")));
    }

    @Test
    void serverThatNeverAnswersIsReportedWithinTheRetryWindowSayingItWaits() throws Exception {
        server.failNext(FixtureServer.Failure.SILENT, FixtureServer.Failure.SILENT, FixtureServer.Failure.SILENT);
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        DatasetUnavailableException e;
        try {
            e = assertThrows(DatasetUnavailableException.class, () -> source().withRetries(10, Duration.ofMillis(5))
                    .withStallTimeout(Duration.ofSeconds(6)).withRetryWindow(Duration.ofSeconds(3)).get(file));
        } finally {
            System.setErr(original);
        }

        assertTrue(e.getMessage().contains("(1 attempt in 6 s): the server sent no answer in 6 s"), e.getMessage());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("Waiting for 127.0.0.1 to send an answer: nothing for 5 s"),
                log.toString(StandardCharsets.UTF_8));
        assertEquals(1, server.requests("/data/sample.npz"), "no attempt begins past the window");
    }

    @Test
    void tricklingServerIsGivenUpWithinTheRetryWindow() throws IOException {
        server.failNext(Stream.generate(() -> FixtureServer.Failure.TRICKLE).limit(10)
                .toArray(FixtureServer.Failure[]::new));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> source()
                .withRetries(10, Duration.ofMillis(5)).withStallTimeout(Duration.ofSeconds(1))
                .withRetryWindow(Duration.ofMillis(1500)).get(file));

        assertTrue(e.getMessage().matches("(?s).*\\((2|3) attempts in \\d s\\): the transfer broke off.*"), e.getMessage());
        assertTrue(server.requests("/data/sample.npz") <= 3, "attempts: " + server.requests("/data/sample.npz"));
    }

    @Test
    void runningOutOfMemoryOnAFileBlamesTheFile() throws IOException {
        Path given = Fixtures.write(elsewhere.resolve("sample.npz"), content);

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> source().withLocalFile("sample.npz", given).load(file, path -> {
                    throw new OutOfMemoryError("Java heap space");
                }));

        assertEquals("The file given for sample.npz, " + given + ", is not a valid sample.npz: reading it ran out of "
                + "memory (Java heap space): a damaged sample.npz can claim far more than the 19.5 KB of the published "
                + "one; pass a valid sample.npz, or drop --local-file sample.npz to download it", e.getMessage());
    }

    @Test
    void slowDownloadLogsItsProgressWithoutAConsole() throws Exception {
        byte[] large = Fixtures.npz(Fixtures.arrays("x", Fixtures.npyInt64(new Random(1).longs(2000).toArray())));
        server.serve("/data/large.npz", large).pace(1024, 400);
        RemoteFile largeFile = remoteFile(server.url("/data/large.npz"), sha256(large));
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            source().get(largeFile);
        } finally {
            System.setErr(original);
        }

        String lines = log.toString(StandardCharsets.UTF_8);
        assertTrue(lines.matches("(?s).*sample\\.npz: \\d+\\.\\d KB of 15\\.\\d KB, \\d+(\\.\\d)? [KB]+/s.*"), lines);
    }

    @Test
    void serverErrorsAreRetriedUntilSuccess() throws IOException {
        server.failNext(FixtureServer.Failure.SERVER_ERROR, FixtureServer.Failure.SERVER_ERROR);

        Path path = source().get(file);

        assertArrayEquals(content, Files.readAllBytes(path));
        assertEquals(3, server.requests("/data/sample.npz"));
    }

    @Test
    void serverDownSaysHowToWorkOffline() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RemoteFile unreachable = remoteFile("http://127.0.0.1:" + closedPort + "/sample.npz", sha256(content));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> source().get(unreachable));

        String message = e.getMessage();
        assertTrue(message.contains("could not connect"), message);
        assertTrue(message.contains("To work offline"), message);
        assertTrue(message.contains("put sample.npz at " + home.resolve("datasets/sample.npz")), message);
        assertTrue(message.contains("DLWJ_MIRROR"), message);
        assertTrue(message.contains("--local-file sample.npz="), message);
    }

    @Test
    void concurrentLoadersDownloadOnce() throws Exception {
        server.delay(200);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Path>> loaders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                loaders.add(() -> source().get(file));
            }
            for (Future<Path> result : pool.invokeAll(loaders)) {
                assertArrayEquals(content, Files.readAllBytes(result.get()));
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, server.requests("/data/sample.npz"));
    }

    @Test
    void corruptCachedFileIsFetchedAgain() throws IOException {
        Path path = source().get(file);
        Files.write(path, new byte[] {1, 2, 3});

        assertArrayEquals(content, Files.readAllBytes(source().get(file)));
        assertEquals(2, server.requests("/data/sample.npz"));
    }

    @Test
    void mirrorUrlReplacesTheCanonicalHost() throws Exception {
        server.serve("/mirror/sample.npz", content);
        RemoteFile canonical = remoteFile("http://canonical.invalid/datasets/sample.npz", sha256(content));

        Path path = source().withMirror(server.url("/mirror")).get(canonical);

        assertArrayEquals(content, Files.readAllBytes(path));
        assertEquals(1, server.requests("/mirror/sample.npz"));
    }

    @Test
    void mirrorFolderIsCopiedIntoTheCache() throws Exception {
        Fixtures.write(elsewhere.resolve("sample.npz"), content);
        RemoteFile canonical = remoteFile("http://canonical.invalid/datasets/sample.npz", sha256(content));

        Path path = source().withMirror(elsewhere.toString()).get(canonical);

        assertEquals(home.resolve("datasets/sample.npz"), path);
        assertArrayEquals(content, Files.readAllBytes(path));
    }

    @Test
    void mirrorFolderWithoutTheFileSaysSo() {
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> source().withMirror(elsewhere.toString()).get(file));

        assertTrue(e.getMessage().contains("the mirror has no file " + elsewhere.resolve("sample.npz")), e.getMessage());
    }

    @Test
    void localFileIsUsedInPlaceAfterStructuralChecks() throws Exception {
        byte[] other = Fixtures.npz(Fixtures.arrays("x", Fixtures.npyInt64(7)));
        Path local = Fixtures.write(elsewhere.resolve("my-copy.npz"), other);

        assertEquals(local, source().withLocalFile("sample.npz", local).get(file));
        assertEquals(0, server.requests("/data/sample.npz"));
    }

    @Test
    void invalidOrMissingLocalFileIsRefusedWithItsPath() throws Exception {
        Path notNpz = Fixtures.write(elsewhere.resolve("sample.npz"), new byte[] {1, 2, 3});
        Path missing = elsewhere.resolve("absent.npz");

        DatasetUnavailableException invalid = assertThrows(DatasetUnavailableException.class,
                () -> source().withLocalFile("sample.npz", notNpz).get(file));
        DatasetUnavailableException absent = assertThrows(DatasetUnavailableException.class,
                () -> source().withLocalFile("sample.npz", missing).get(file));

        assertTrue(invalid.getMessage().contains(notNpz.toString()), invalid.getMessage());
        assertTrue(invalid.getMessage().contains("not a valid .npz"), invalid.getMessage());
        assertTrue(absent.getMessage().contains("does not exist: " + missing), absent.getMessage());
        for (String message : List.of(invalid.getMessage(), absent.getMessage())) {
            assertTrue(message.endsWith("; pass a valid sample.npz, or drop --local-file sample.npz to download it"),
                    message);
            assertFalse(message.contains("fetch"), message);
            assertFalse(message.contains("\n"), message);
        }
    }

    @Test
    void kerasCacheIsReusedOnceVerified() throws IOException {
        Path kerasCopy = Fixtures.write(kerasHome.resolve("datasets/sample.npz"), content);

        assertEquals(kerasCopy, source().get(file));
        assertEquals(0, server.requests("/data/sample.npz"));
    }

    @Test
    void corruptKerasCopyIsIgnored() throws IOException {
        Fixtures.write(kerasHome.resolve("datasets/sample.npz"), new byte[] {9});

        assertEquals(home.resolve("datasets/sample.npz"), source().get(file));
        assertEquals(1, server.requests("/data/sample.npz"));
    }

    @Test
    void leftoversOfAnInterruptedDownloadAreRemovedNextTime() throws IOException {
        Path datasets = Files.createDirectories(home.resolve("datasets"));
        Path partial = Fixtures.write(datasets.resolve(".sample.npz.8147295318.part"), new byte[1000]);
        Path otherFiles = Fixtures.write(datasets.resolve(".mnist.npz.12.part"), new byte[10]);

        source().get(file);

        assertFalse(Files.exists(partial));
        assertTrue(Files.exists(otherFiles), "only the entry being locked is cleaned");
    }

    @Test
    void cachedFilesGetTheUmasksPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path reference = Files.createFile(Files.createDirectories(home.resolve("datasets")).resolve("reference"));

        Path cached = source().get(file);

        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(cached));
    }

    @Test
    void waitForAnotherProcessNamesItAndIsBounded() throws Exception {
        Path cached = home.resolve("datasets/sample.npz");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), cached.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertEquals("locked", new String(holder.getInputStream().readNBytes(6), StandardCharsets.US_ASCII));

            DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                    () -> source().withLockWait(Duration.ofSeconds(1)).get(file));

            assertTrue(e.getMessage().contains("gave up after waiting 1 s for process " + holder.pid() + " on "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("to finish with " + cached), e.getMessage());
            assertEquals(0, server.requests("/data/sample.npz"));
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        assertArrayEquals(content, Files.readAllBytes(source().get(file)), "the lock dies with its holder");
    }

    @Test
    void cacheThatIsNotAFolderIsOneLineSayingWhatToDo() throws IOException {
        Path notAFolder = Fixtures.write(elsewhere.resolve("cache"), new byte[] {1});

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> source().withHome(notAFolder).get(file));

        assertEquals("Cannot write to the data cache " + notAFolder.resolve("datasets") + " (not a directory): set "
                + "DLWJ_HOME or pass --cache-dir with a folder you can write to", e.getMessage());
    }

    @Test
    void readOnlyCacheIsOneLineSayingWhatToDo() throws IOException {
        Path datasets = Files.createDirectories(home.resolve("datasets"));
        Files.setPosixFilePermissions(datasets, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(datasets), "permission bits bind nobody here (running as root)");

            DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> source().get(file));

            assertEquals("Cannot write to the data cache " + datasets + " (permission denied): set DLWJ_HOME or pass "
                    + "--cache-dir with a folder you can write to", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(datasets, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void fullDiskAndReadOnlyFileSystemsAreNamedAsSuch() {
        Path folder = home.resolve("datasets");

        assertEquals("No space left on device writing " + folder + ": free space or pass --cache-dir (or set "
                        + "DLWJ_HOME) elsewhere",
                DataSource.cacheFailure(folder, new IOException("No space left on device")).getMessage());
        assertEquals("Cannot write to the data cache " + folder + " (read-only file system): set DLWJ_HOME or pass "
                        + "--cache-dir with a folder you can write to",
                DataSource.cacheFailure(folder, new FileSystemException(folder.resolve("x").toString(), null,
                        "Read-only file system")).getMessage());
    }

    /** Holds a cache entry's lock, as another process loading the same dataset, until it is stopped. */
    static final class LockHolder {
        public static void main(String[] args) throws Exception {
            FileLocks.withLock(Path.of(args[0]), Duration.ofSeconds(5), () -> {
                System.out.print("locked");
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
        }
    }

    private void assertNoPartialFiles() throws IOException {
        if (!Files.isDirectory(home.resolve("datasets"))) {
            return;
        }
        try (Stream<Path> files = Files.list(home.resolve("datasets"))) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".part")).toList());
        }
    }
}
