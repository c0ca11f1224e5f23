package dlwj.datasets.files;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the data files come from: Keras' {@code get_file} for this project. A file is taken from, in
 * order:
 * <ol>
 *   <li>a local file the user named for it ({@link #withLocalFile}); it is checked against the published
 *       checksum, and where it differs it is used after structural checks, with a warning;</li>
 *   <li>this project's cache ({@code ~/.dlwj}, or {@code $DLWJ_HOME}, or {@code -Ddlwj.home});</li>
 *   <li>Keras' cache ({@code ~/.keras}, or {@code $KERAS_HOME}), where a reader who ran the Python
 *       notebooks already has the file;</li>
 *   <li>a download from the mirror ({@code $DLWJ_MIRROR} or {@code -Ddlwj.mirror}: a URL or a folder
 *       holding the files under their own names) or else from the canonical URL, into the cache.</li>
 * </ol>
 * Every cached file is verified each time it is used, and fetched again if it is corrupt. Downloads are
 * retried with backoff, written to a temporary file and renamed into place, under a file lock so that
 * two processes loading the same dataset don't corrupt it.
 */
public final class DataSource {

    public static final String HOME_VARIABLE = "DLWJ_HOME";
    public static final String HOME_PROPERTY = "dlwj.home";
    public static final String MIRROR_VARIABLE = "DLWJ_MIRROR";
    public static final String MIRROR_PROPERTY = "dlwj.mirror";
    public static final String KERAS_HOME_VARIABLE = "KERAS_HOME";
    public static final String DOWNLOAD_TIMEOUT_VARIABLE = "DLWJ_DOWNLOAD_TIMEOUT";
    public static final String DOWNLOAD_TIMEOUT_PROPERTY = "dlwj.download.timeout";

    private static final Logger log = LoggerFactory.getLogger(DataSource.class);

    /** The source a command's options set for the Keras-like {@code loadData()} calls of its run. */

    private final Path home;
    private final Path kerasHome;
    private final String mirror;
    private final Map<String, Path> localFiles;
    private final Downloader downloader;
    private final Duration lockWait;
    /** Folders {@link #getExtracted} has checked against their archives, by archive and folder: checked once. */
    private final Map<String, Path> checkedFolders = new ConcurrentHashMap<>();

    private DataSource(Path home, Path kerasHome, String mirror, Map<String, Path> localFiles,
                       Downloader downloader, Duration lockWait) {
        this.home = home;
        this.kerasHome = kerasHome;
        this.mirror = mirror;
        this.localFiles = Map.copyOf(localFiles);
        this.downloader = downloader;
        this.lockWait = lockWait;
    }

    /** The source configured by the environment: system properties first, then environment variables. */
    public static DataSource fromEnvironment() {
        Path userHome = Path.of(System.getProperty("user.home"));
        Path home = setting(HOME_PROPERTY, HOME_VARIABLE).map(Path::of).orElse(userHome.resolve(".dlwj"));
        Path kerasHome = setting("keras.home", KERAS_HOME_VARIABLE).map(Path::of)
                .orElse(userHome.resolve(".keras"));
        String mirror = setting(MIRROR_PROPERTY, MIRROR_VARIABLE).orElse(null);
        DataSource source = new DataSource(home, kerasHome, mirror, Map.of(), new Downloader(Downloader.Retries.DEFAULT,
                Downloader.DEFAULT_STALL_TIMEOUT), FileLocks.DEFAULT_WAIT);
        Optional<String> window = setting(DOWNLOAD_TIMEOUT_PROPERTY, DOWNLOAD_TIMEOUT_VARIABLE);
        return window.isEmpty() ? source : source.withRetryWindow(seconds(window.get()));
    }

    /** The download timeout's setting, in seconds; a bad one is refused with the setting's name. */
    private static Duration seconds(String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(DOWNLOAD_TIMEOUT_VARIABLE + " (or -D" + DOWNLOAD_TIMEOUT_PROPERTY
                + ") must be a positive number of seconds, not '" + value + "'");
    }

    private static Optional<String> setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    public DataSource withHome(Path home) {
        return new DataSource(home, kerasHome, mirror, localFiles, downloader, lockWait);
    }

    public DataSource withKerasHome(Path kerasHome) {
        return new DataSource(home, kerasHome, mirror, localFiles, downloader, lockWait);
    }

    /** A URL or a folder that holds the files under their own names, used instead of the canonical host. */
    public DataSource withMirror(String mirror) {
        return new DataSource(home, kerasHome, mirror, localFiles, downloader, lockWait);
    }

    /** Uses {@code file} for the data file named {@code fileName} (for example {@code imdb.npz}). */
    public DataSource withLocalFile(String fileName, Path file) {
        Map<String, Path> files = new HashMap<>(localFiles);
        files.put(fileName, file);
        return new DataSource(home, kerasHome, mirror, files, downloader, lockWait);
    }

    /** Download retries: how many attempts in all, and the delay before the second (doubled after each). */
    public DataSource withRetries(int attempts, Duration firstDelay) {
        return new DataSource(home, kerasHome, mirror, localFiles, downloader.withRetries(
                new Downloader.Retries(attempts, firstDelay, downloader.retries().window())), lockWait);
    }

    /**
     * How long after a download's first attempt another attempt may still begin, so that a dead or stalling
     * server is reported within about that time: 90 s unless set (also by {@value #DOWNLOAD_TIMEOUT_VARIABLE}
     * or {@code -D}{@value #DOWNLOAD_TIMEOUT_PROPERTY}, in seconds). A download that keeps moving is never cut
     * short.
     */
    public DataSource withRetryWindow(Duration window) {
        Downloader.Retries retries = downloader.retries();
        return new DataSource(home, kerasHome, mirror, localFiles, downloader.withRetries(
                new Downloader.Retries(retries.attempts(), retries.firstDelay(), window)), lockWait);
    }

    /**
     * How long a download may bring in less than 1 KB (waiting for the server's answer included) before the
     * attempt is given up and retried; 60 s unless set.
     */
    public DataSource withStallTimeout(Duration stallTimeout) {
        return new DataSource(home, kerasHome, mirror, localFiles, downloader.withStallTimeout(stallTimeout), lockWait);
    }

    /**
     * How long to wait for another process that is fetching or extracting the same file (it says which, in
     * the lock file) before giving up; 30 min unless set.
     */
    public DataSource withLockWait(Duration lockWait) {
        return new DataSource(home, kerasHome, mirror, localFiles, downloader, lockWait);
    }

    /** The cache root: data files go to {@code datasets/}, model weights to {@code models/}. */
    public Path home() {
        return home;
    }

    public Optional<String> mirror() {
        return Optional.ofNullable(mirror);
    }

    /** Where {@code file} is cached, whether or not it is there yet. */
    public Path cachedPath(RemoteFile file) {
        return home.resolve(file.cachePath());
    }

    /** Returns a verified copy of {@code file}, downloading it if needed. */
    public Path get(RemoteFile file) {
        return fetch(file, path -> path).path();
    }

    /**
     * {@code reader}'s result on a verified copy of {@code file}: a local file given for it, else the cached
     * copy, else Keras' cached copy, else a download into the cache. {@code reader} is the file's complete
     * check: a download is read before it is accepted into the cache, so a file that fails it is never
     * kept, and a cached copy it cannot read ({@link InvalidDataFileException}) is deleted and fetched again.
     */
    public <T> T load(RemoteFile file, DataReader<T> reader) {
        return fetch(file, reader).value();
    }

    /** Where a verified copy of a file is, and what was read from it. */
    private record Fetched<T>(Path path, T value) {
    }

    private <T> Fetched<T> fetch(RemoteFile file, DataReader<T> reader) {
        Path local = localFiles.get(file.fileName());
        if (local != null) {
            Path checked = checkLocalFile(file, local);
            try {
                return new Fetched<>(checked, read(file, checked, reader));
            } catch (IOException e) {
                throw new DatasetUnavailableException(notValidGiven(file, local, e), e);
            }
        }
        Path cached = cachedPath(file);
        Path keras = kerasHome.resolve(file.cachePath());
        try {
            Optional<FileTime> seen = modified(cached);
            Optional<T> fromCache = readIfValid(file, cached, "cached", reader);
            if (fromCache.isPresent()) {
                return new Fetched<>(cached, fromCache.get());
            }
            Optional<T> fromKeras = readIfValid(file, keras, "Keras-cached", reader);
            if (fromKeras.isPresent()) {
                log.info("Using {} from Keras' cache", keras);
                return new Fetched<>(keras, fromKeras.get());
            }
            return FileLocks.withLock(cached, lockWait, () -> {
                if (!modified(cached).equals(seen)) { // another process fetched it while we waited for the lock
                    Optional<T> fetchedMeanwhile = readIfValid(file, cached, "cached", reader);
                    if (fetchedMeanwhile.isPresent()) {
                        return new Fetched<>(cached, fetchedMeanwhile.get());
                    }
                }
                Files.deleteIfExists(cached); // damaged: never kept, even when no good copy can be had
                List<T> result = new ArrayList<>(1);
                downloader.download(file, sourceOf(file), cached, instructions(file),
                        partial -> result.add(read(file, partial, reader)));
                return new Fetched<>(cached, result.get(0));
            });
        } catch (IOException e) {
            throw cacheFailure(cached.getParent(), e);
        }
    }

    /** When {@code path} was last written; empty when there is no such file. */
    private static Optional<FileTime> modified(Path path) throws IOException {
        return Files.isRegularFile(path) ? Optional.of(Files.getLastModifiedTime(path)) : Optional.empty();
    }

    /**
     * {@code reader}'s result on {@code path} when it holds a good copy of {@code file}; empty when there
     * is none, or when the copy is damaged (reported as the {@code what} file).
     */
    private static <T> Optional<T> readIfValid(RemoteFile file, Path path, String what, DataReader<T> reader)
            throws IOException {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        Optional<String> problem = problem(file, path);
        if (problem.isEmpty()) {
            try {
                return Optional.of(read(file, path, reader));
            } catch (InvalidDataFileException e) {
                problem = Optional.of(String.valueOf(e.getMessage()));
            }
        }
        log.warn("The {} file {} is damaged ({}); fetching it again", what, path, problem.get());
        return Optional.empty();
    }

    /**
     * {@code reader}'s result on {@code path}, a copy of {@code file}; running out of memory on it is the
     * file's fault, since every reader allocates in proportion to the bytes it reads.
     */
    private static <T> T read(RemoteFile file, Path path, DataReader<T> reader) throws IOException {
        try {
            return reader.read(path);
        } catch (OutOfMemoryError e) {
            throw new InvalidDataFileException("reading it ran out of memory (" + e.getMessage() + "): a damaged "
                    + file.fileName() + " can claim far more than the " + DownloadProgress.bytes(file.size())
                    + " of the published one", e);
        }
    }

    /**
     * Returns the folder {@code folder} extracted from the archive {@code archive}, a zip or a tar.gz
     * (which holds it at its top level), as Keras' {@code get_file(..., extract=True)} leaves it: in this
     * cache, or in Keras' where it is already there. Every entry is checked against the CRC-32 the archive
     * declares (each entry's in a zip, the whole stream's in a tar.gz), entries that leave the archive or
     * are links are refused, and {@code check} validates the folder before it is published; a downloaded
     * archive is accepted into the cache only once its folder is extracted and checked, and a cached one
     * whose folder fails is fetched again.
     * <p>
     * A folder this cache extracted records the SHA-256 of its archive and the size and time of each of its
     * files, and is extracted again when the archive at hand differs or a file changed. A folder in Keras'
     * cache is checked with {@code check} once (which must read every file in full: dogs vs cats decodes
     * each picture), and the listing of what was checked is kept in this cache, so it is checked again
     * only when it changes. This source checks a folder once: later calls for it (the test split after the
     * training split) return it as it was checked.
     */
    public Path getExtracted(RemoteFile archive, String folder, FileValidator check) {
        String key = archive.fileName() + "/" + folder;
        Path checked = checkedFolders.get(key);
        if (checked != null && Files.isDirectory(checked)) {
            return checked;
        }
        Path extracted = extracted(archive, folder, check);
        checkedFolders.put(key, extracted);
        return extracted;
    }

    private Path extracted(RemoteFile archive, String folder, FileValidator check) {
        Path cached = cachedPath(archive).resolveSibling(folder);
        try {
            if (Files.isDirectory(cached)) {
                Optional<String> stale = staleness(cached, Checksum.digest("SHA-256", get(archive)));
                if (stale.isEmpty()) {
                    return cached;
                }
                log.warn("The folder {} is not usable ({}); extracting it again", cached, stale.get());
            }
            Path keras = kerasHome.resolve(archive.cachePath()).resolveSibling(folder);
            if (Files.isDirectory(keras) && isUsableKerasFolder(archive, keras, check)) {
                log.info("Using {} from Keras' cache", keras);
                return keras;
            }
            return FileLocks.withLock(cached, lockWait, () -> load(archive, file -> {
                String hash = Checksum.digest("SHA-256", file);
                if (Files.isDirectory(cached) && staleness(cached, hash).isEmpty()) {
                    return cached; // another process extracted it while we waited for the lock
                }
                log.info("Extracting {} from {}", folder, archive.fileName());
                ArchiveExtraction.extractFolder(file, hash, folder, cached, check);
                return cached;
            }));
        } catch (IOException e) {
            throw cacheFailure(cached.getParent(), e);
        }
    }

    /** Why the extracted {@code folder} cannot be used as that of the archive of SHA-256 {@code hash}; empty when it can. */
    private static Optional<String> staleness(Path folder, String hash) throws IOException {
        Optional<String> source = ArchiveExtraction.sourceArchiveHash(folder);
        if (source.isEmpty()) {
            return Optional.of("it does not record the archive it came from");
        }
        if (!source.get().equals(hash)) {
            return Optional.of("it was extracted from another archive");
        }
        return ArchiveExtraction.changedSinceExtraction(folder);
    }

    /**
     * Whether Keras' {@code folder} extracted from {@code archive} passes {@code check}, and holds the files
     * of Keras' copy of the archive unchanged where that copy is a zip at hand: checked in full once, then
     * as long as its files are those then checked, whose listing is kept in this cache.
     */
    private boolean isUsableKerasFolder(RemoteFile archive, Path folder, FileValidator check) throws IOException {
        Path record = cachedPath(archive).resolveSibling("." + folder.getFileName() + ".checked-in-keras-cache");
        List<String> listing = FolderListing.of(folder);
        if (Files.isRegularFile(record) && Files.readAllLines(record, StandardCharsets.UTF_8).equals(listing)) {
            return true;
        }
        Path kerasArchive = kerasHome.resolve(archive.cachePath());
        try {
            check.validate(folder);
            if (Files.isRegularFile(kerasArchive) && !ArchiveExtraction.isTarGz(kerasArchive)) {
                ArchiveExtraction.requireFilesOf(kerasArchive, folder.getFileName().toString(), folder);
            }
        } catch (InvalidDataFileException e) {
            log.warn("Keras' folder {} is not usable ({}); extracting it again", folder, e.getMessage());
            return false;
        }
        AtomicFiles.write(record, temporary -> Files.write(temporary, listing, StandardCharsets.UTF_8));
        return true;
    }

    /**
     * A file-system failure in the cache folder {@code folder}, as one line that says what happened and what
     * to do: a read-only or unwritable cache, a full disk.
     */
    static DatasetUnavailableException cacheFailure(Path folder, IOException e) {
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        if (reason.contains("No space left on device")) {
            return new DatasetUnavailableException("No space left on device writing " + folder
                    + ": free space or pass --cache-dir (or set " + HOME_VARIABLE + ") elsewhere", e);
        }
        if (e instanceof AccessDeniedException || reason.contains("Read-only file system")
                || reason.contains("Not a directory")) {
            return new DatasetUnavailableException("Cannot write to the data cache " + folder + " ("
                    + (e instanceof AccessDeniedException ? "permission denied" : reason.toLowerCase(Locale.ROOT))
                    + "): set " + HOME_VARIABLE + " or pass --cache-dir with a folder you can write to", e);
        }
        return new DatasetUnavailableException("Could not use the data cache " + folder + ": " + reason, e);
    }

    /** The URL the file is fetched from: the mirror's copy if a mirror is set, else the canonical one. */
    URI sourceOf(RemoteFile file) {
        return mirror == null ? file.origin() : mirrorRoot(mirror).resolve(file.fileName());
    }

    /**
     * Refuses a mirror that can't serve files, saying why: a URL other than http(s) or file, a malformed
     * one, a folder that does not exist.
     */
    public static void checkMirror(String mirror) {
        URI root = mirrorRoot(mirror);
        if ("file".equals(root.getScheme()) && !Files.isDirectory(Path.of(root))) {
            throw new IllegalArgumentException("there is no folder " + Path.of(root));
        }
    }

    /** The folder or URL of {@code mirror}, ending in a slash, that its files' names resolve against. */
    private static URI mirrorRoot(String mirror) {
        if (!mirror.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            try {
                return Path.of(mirror).toAbsolutePath().normalize().toUri();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a folder name (" + e.getMessage() + ")", e);
            }
        }
        URI root;
        try {
            root = new URI(mirror.endsWith("/") ? mirror : mirror + "/");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL (" + e.getMessage() + ")", e);
        }
        String scheme = root.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("http", "https", "file").contains(scheme)) {
            throw new IllegalArgumentException("a mirror is an http, https or file URL, or a folder, not a "
                    + scheme + ": URL");
        }
        if (!scheme.equals("file") && (root.getHost() == null || root.getHost().isEmpty())) {
            throw new IllegalArgumentException("the URL names no host");
        }
        return root;
    }

    /**
     * What is wrong with {@code path} as a copy of {@code file} (its published checksum, then its
     * structure); empty when nothing is. The one check of a cached copy, before and under the lock.
     */
    private static Optional<String> problem(RemoteFile file, Path path) {
        try {
            Optional<Checksum> checksum = file.publishedChecksum();
            if (checksum.isPresent() && !checksum.get().matches(path)) {
                return Optional.of("its " + checksum.get().algorithm() + " checksum does not match the published one");
            }
            file.validator().validate(path);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private Path checkLocalFile(RemoteFile file, Path local) {
        if (!Files.isRegularFile(local)) {
            throw new DatasetUnavailableException("The file given for " + file.fileName() + " does not exist: "
                    + local.toAbsolutePath() + "; " + localFileAdvice(file));
        }
        try {
            Optional<Checksum> checksum = file.publishedChecksum();
            if (checksum.isPresent() && !checksum.get().matches(local)) {
                log.warn("{} is not the published {} ({} differs): using it after structural checks, "
                        + "so results may differ from the book's", local, file.fileName(), checksum.get().algorithm());
            }
            file.validator().validate(local);
            return local;
        } catch (IOException e) {
            throw new DatasetUnavailableException(notValidGiven(file, local, e), e);
        }
    }

    /** The failure of a given file, which is never replaced by a download, and what to do about it. */
    private static String notValidGiven(RemoteFile file, Path local, IOException e) {
        return "The file given for " + file.fileName() + ", " + local + ", is not a valid " + file.fileName() + ": "
                + e.getMessage() + "; " + localFileAdvice(file);
    }

    private static String localFileAdvice(RemoteFile file) {
        return "pass a valid " + file.fileName() + ", or drop --local-file " + file.fileName()
                + " to download it";
    }

    /** What a user can do to work offline, for the error message of a failed download. */
    String instructions(RemoteFile file) {
        return "To work offline, do one of:\n"
                + "  - put " + file.fileName() + " at " + cachedPath(file) + "\n"
                + "  - set " + MIRROR_VARIABLE + " (or -D" + MIRROR_PROPERTY + ") to a folder or URL holding "
                + file.fileName() + "\n"
                + "  - pass --local-file " + file.fileName() + "=/path/to/" + file.fileName()
                + "\n    (DataSource.withLocalFile in Java)";
    }

    @Override
    public String toString() {
        return "DataSource[home=" + home + ", mirror=" + Objects.requireNonNullElse(mirror, "none")
                + ", localFiles=" + localFiles + "]";
    }
}
