package dlwj.datasets.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one file from an {@code http(s):} or {@code file:} URL into the cache: with retries and backoff
 * on transient failures, a progress bar, the checksum and structural checks, into a temporary file that
 * is renamed into place only when it is complete and valid.
 */
final class Downloader {

    /**
     * How many attempts in all, the delay before the second attempt (doubled after each failure), and how
     * long after the first attempt began another may still begin: a dead or stalling server is reported
     * within about {@code window}, however many attempts are left.
     */
    record Retries(int attempts, Duration firstDelay, Duration window) {
        static final Retries DEFAULT = new Retries(4, Duration.ofSeconds(1), Duration.ofSeconds(90));
    }

    private static final Logger log = LoggerFactory.getLogger(Downloader.class);

    /** How long a download may bring in (almost) nothing before the attempt is given up. */
    static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

    private final Retries retries;
    private final Duration stallTimeout;
    private final HttpClient http;

    Downloader(Retries retries, Duration stallTimeout) {
        this.retries = retries;
        this.stallTimeout = stallTimeout;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    Retries retries() {
        return retries;
    }

    Downloader withRetries(Retries retries) {
        return new Downloader(retries, stallTimeout);
    }

    Downloader withStallTimeout(Duration stallTimeout) {
        return new Downloader(retries, stallTimeout);
    }

    /**
     * Downloads {@code source} to {@code target}, verified: against the published checksum, by the file's
     * validator, then by {@code check} (the reading of the file), before it is renamed into place.
     *
     * @param offlineHelp what the user can do instead, appended to every failure message
     */
    void download(RemoteFile file, URI source, Path target, String offlineHelp, DataReader<?> check)
            throws IOException {
        Duration delay = retries.firstDelay();
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                fetchOnce(file, source, target, check);
                return;
            } catch (TransientFailure e) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                if (attempt >= retries.attempts() || elapsed.plus(delay).compareTo(retries.window()) >= 0) {
                    throw new DatasetUnavailableException("Could not download " + file.fileName() + " from "
                            + source + " (" + attempt + (attempt == 1 ? " attempt" : " attempts") + " in "
                            + DownloadProgress.duration(elapsed.truncatedTo(ChronoUnit.SECONDS)) + "): "
                            + e.getMessage() + "\n" + offlineHelp, e);
                }
                log.warn("Downloading {} failed ({}); retrying in {} ms", file.fileName(), e.getMessage(),
                        delay.toMillis());
                sleep(delay);
                delay = delay.multipliedBy(2);
            } catch (PermanentFailure e) {
                throw new DatasetUnavailableException("Could not download " + file.fileName() + " from "
                        + source + ": " + e.getMessage() + "\n" + offlineHelp, e);
            }
        }
    }

    private void fetchOnce(RemoteFile file, URI source, Path target, DataReader<?> check) throws IOException {
        AtomicFiles.write(target, partial -> {
            long expectedLength = copy(file, source, partial);
            long length = Files.size(partial);
            if (expectedLength >= 0 && length != expectedLength) {
                throw new TransientFailure("the download ended after " + length + " of " + expectedLength + " bytes");
            }
            verify(file, partial, check);
        });
        log.info("Saved {} ({})", target, DownloadProgress.bytes(Files.size(target)));
    }

    /** Copies the body of {@code source} into {@code partial}; returns the announced length, or -1. */
    private long copy(RemoteFile file, URI source, Path partial) throws IOException {
        if ("file".equals(source.getScheme())) {
            Path path = Path.of(source);
            try (InputStream in = Files.newInputStream(path)) {
                long length = requireAtMostMax(file, Files.size(path));
                write(file, source, in, length, partial);
                return length;
            } catch (NoSuchFileException e) {
                throw new PermanentFailure("the mirror has no file " + path);
            }
        }
        HttpResponse<InputStream> response = response(source);
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status >= 500 || status == 408 || status == 429) {
                throw new TransientFailure("the server answered HTTP " + status);
            }
            if (status != 200) {
                throw new PermanentFailure("the server answered HTTP " + status
                        + (status == 404 ? " (not found: the URL may have moved)" : ""));
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            requireAtMostMax(file, length);
            write(file, source, body, length, partial);
            return length;
        }
    }

    /**
     * The server's answer, its headers read; a line every {@link DownloadProgress#LOG_INTERVAL} while it
     * keeps us waiting, and a stall after {@code stallTimeout}.
     */
    private HttpResponse<InputStream> response(URI source) throws IOException {
        CompletableFuture<HttpResponse<InputStream>> answer = http.sendAsync(
                HttpRequest.newBuilder(source).timeout(stallTimeout).GET().build(),
                info -> new StallGuardedBody(stallTimeout));
        long start = System.nanoTime();
        try {
            while (true) {
                try {
                    return answer.get(DownloadProgress.LOG_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    DownloadProgress.waiting(source, Duration.ofNanos(System.nanoTime() - start), "an answer");
                }
            }
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                throw new TransientFailure("could not connect to " + source.getHost()
                        + " (no network, or the server is down)", cause);
            }
            if (cause instanceof UnknownHostException) {
                throw new TransientFailure("unknown host " + source.getHost() + " (no network?)", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new TransientFailure("the server sent no answer in " + DownloadProgress.duration(stallTimeout),
                        cause);
            }
            throw new TransientFailure(cause instanceof IOException io ? describe(io) : String.valueOf(cause), cause);
        }
    }

    /** {@code length}, refused when it is more than a download of {@code file} may bring. */
    private static long requireAtMostMax(RemoteFile file, long length) throws PermanentFailure {
        if (length > file.maxBytes()) {
            throw new PermanentFailure("it is " + DownloadProgress.bytes(length) + ", far more than the "
                    + DownloadProgress.bytes(file.size()) + " of the published " + file.fileName()
                    + " (a different file, or a broken mirror)");
        }
        return length;
    }

    private static void write(RemoteFile file, URI source, InputStream in, long length, Path partial)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(partial);
             DownloadProgress progress = DownloadProgress.start(file.fileName(), source, length)) {
            if (in instanceof StallGuardedBody body) {
                body.whileWaiting(quiet -> DownloadProgress.waiting(source, quiet, "data after " + progress.received()));
            }
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = read(in, buffer, progress)) > 0; ) {
                total += n;
                if (total > file.maxBytes()) {
                    throw new PermanentFailure("the server kept sending past " + DownloadProgress.bytes(file.maxBytes())
                            + ", far more than the " + DownloadProgress.bytes(file.size()) + " of the published "
                            + file.fileName() + " (a different file, or a broken mirror); the download was cut off");
                }
                out.write(buffer, 0, n);
                progress.advance(n);
            }
        }
    }

    /** Reads from the source: a failure here is the transfer's, worth another attempt. */
    private static int read(InputStream in, byte[] buffer, DownloadProgress progress) throws TransientFailure {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new TransientFailure("the transfer broke off after " + progress.received() + ": " + describe(e), e);
        }
    }

    private static void verify(RemoteFile file, Path partial, DataReader<?> check) throws IOException {
        Optional<Checksum> checksum = file.publishedChecksum();
        if (checksum.isPresent()) {
            String actual = checksum.get().compute(partial);
            if (!actual.equals(checksum.get().hex())) {
                throw new PermanentFailure("its " + checksum.get().algorithm() + " checksum is " + actual
                        + ", not the published " + checksum.get().hex() + " (a different or damaged file)");
            }
        }
        try {
            file.validator().validate(partial);
            check.read(partial);
        } catch (InvalidDataFileException e) {
            // the checks name the file they read, here the temporary one: name the file being downloaded
            throw new PermanentFailure("the file is not valid: "
                    + String.valueOf(e.getMessage()).replace(partial.getFileName().toString(), file.fileName()));
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void sleep(Duration delay) throws IOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry", e);
        }
    }

    /** A failure worth another attempt: network errors, truncated bodies, server errors. */
    private static final class TransientFailure extends IOException {
        TransientFailure(String message) {
            super(message);
        }

        TransientFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A failure that another attempt won't fix: not found, forbidden, a wrong checksum, a missing mirror file. */
    private static final class PermanentFailure extends IOException {
        PermanentFailure(String message) {
            super(message);
        }
    }
}
