package dlwj.datasets.files;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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

    private static final Logger log = LoggerFactory.getLogger(DataSource.class);

    /** The source a command's options set for the Keras-like {@code loadData()} calls of its run. */
    private static volatile DataSource configured;

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
        return new DataSource(home, kerasHome, mirror, Map.of(), new Downloader(Downloader.Retries.DEFAULT,
                Downloader.DEFAULT_STALL_TIMEOUT), FileLocks.DEFAULT_WAIT);
    }

    /**
     * The source the loaders without a source argument use ({@code Imdb.loadData(10_000)}, as Keras'
     * {@code imdb.load_data(num_words=10000)}): the one a command's data options configured for its run,
     * else {@link #fromEnvironment()}.
     */
    public static DataSource configured() {
        DataSource source = configured;
        return source != null ? source : fromEnvironment();
    }

    /**
     * Makes {@code source} the {@link #configured()} one (the data options of a command do it for its run);
     * {@code null} goes back to the environment's. Returns the one it replaces.
     */
    public static DataSource configure(DataSource source) {
        DataSource previous = configured;
        configured = source;
        return previous;
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
        return new DataSource(home, kerasHome, mirror, localFiles,
                downloader.withRetries(new Downloader.Retries(attempts, firstDelay)), lockWait);
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
        Path local = localFiles.get(file.fileName());
        if (local != null) {
            return checkLocalFile(file, local);
        }
        Path cached = cachedPath(file);
        if (isValid(file, cached, "cached")) {
            return cached;
        }
        Path keras = kerasHome.resolve(file.cachePath());
        if (isValid(file, keras, "Keras-cached")) {
            log.info("Using {} from Keras' cache", keras);
            return keras;
        }
        try {
            return FileLocks.withLock(cached, lockWait, () -> {
                if (Files.isRegularFile(cached) && problem(file, cached).isEmpty()) {
                    return cached; // another process fetched it while we waited for the lock
                }
                URI source = sourceOf(file);
                downloader.download(file, source, cached, instructions(file));
                return cached;
            });
        } catch (IOException e) {
            throw cacheFailure(cached.getParent(), e);
        }
    }

    /**
     * Returns the folder {@code folder} extracted from the archive {@code archive}, a zip or a tar.gz
     * (which holds it at its top level), as Keras' {@code get_file(..., extract=True)} leaves it: in this
     * cache, or in Keras' where it is already there. Every entry is checked against the CRC-32 the archive
     * declares (each entry's in a zip, the whole stream's in a tar.gz), entries that leave the archive or
     * are links are refused, and {@code check} validates the folder before it is published.
     * <p>
     * A folder this cache extracted records the SHA-256 of its archive, and is extracted again when the
     * archive at hand differs, when the record is missing (an interrupted or older extraction) or when
     * {@code check} fails. A folder in Keras' cache has no such record: it is used when {@code check}
     * passes, so {@code check} must read enough of every file to tell a damaged one (dogs vs cats checks
     * that each picture is a complete JPEG). This source checks a folder once: later calls for it (the test
     * split after the training split) return it as it was checked.
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
                Path file = get(archive);
                Optional<String> stale = staleness(cached, file, Checksum.digest("SHA-256", file), check);
                if (stale.isEmpty()) {
                    return cached;
                }
                log.warn("The folder {} is not usable ({}); extracting it again", cached, stale.get());
            }
            Path keras = kerasHome.resolve(archive.cachePath()).resolveSibling(folder);
            if (Files.isDirectory(keras)) {
                try {
                    check.validate(keras);
                    log.info("Using {} from Keras' cache", keras);
                    return keras;
                } catch (IOException e) {
                    log.warn("Keras' folder {} is incomplete ({}); extracting {} again", keras, e.getMessage(), folder);
                }
            }
            return FileLocks.withLock(cached, lockWait, () -> {
                Path file = get(archive);
                String hash = Checksum.digest("SHA-256", file);
                if (Files.isDirectory(cached) && staleness(cached, file, hash, check).isEmpty()) {
                    return cached; // another process extracted it while we waited for the lock
                }
                ArchiveExtraction.extractFolder(file, hash, folder, cached, check);
                return cached;
            });
        } catch (InvalidDataFileException e) {
            throw new DatasetUnavailableException("Could not extract " + folder + " from " + archive.fileName()
                    + " into " + cached + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw cacheFailure(cached.getParent(), e);
        }
    }

    /** Why the extracted {@code folder} cannot be used as {@code archive}'s (SHA-256 {@code hash}); empty when it can. */
    private static Optional<String> staleness(Path folder, Path archive, String hash, FileValidator check)
            throws IOException {
        Optional<String> source = ArchiveExtraction.sourceArchiveHash(folder);
        if (source.isEmpty()) {
            return Optional.of("it does not record the archive it came from");
        }
        if (!source.get().equals(hash)) {
            return Optional.of("it was extracted from another " + archive.getFileName() + " than " + archive);
        }
        try {
            check.validate(folder);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
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
        if (mirror == null) {
            return file.origin();
        }
        if (mirror.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            return URI.create(mirror.endsWith("/") ? mirror : mirror + "/").resolve(file.fileName());
        }
        return Path.of(mirror).toAbsolutePath().normalize().resolve(file.fileName()).toUri();
    }

    /** Whether {@code path} holds a good copy of {@code file}; a damaged one is reported as {@code what}. */
    private static boolean isValid(RemoteFile file, Path path, String what) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        Optional<String> problem = problem(file, path);
        problem.ifPresent(p -> log.warn("The {} file {} is corrupt ({}); fetching it again", what, path, p));
        return problem.isEmpty();
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
            throw new DatasetUnavailableException("The file given for " + file.fileName() + ", " + local
                    + ", is not a valid " + file.fileName() + ": " + e.getMessage() + "; " + localFileAdvice(file), e);
        }
    }

    /** What to do about a given file that cannot be used: it is never replaced by a download. */
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
