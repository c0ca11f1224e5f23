package dlwj.datasets.files;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one download: a live bar with bytes, rate and ETA on a terminal; otherwise (CI logs, IDE
 * consoles that are not terminals) a line at the start, one every {@link #LOG_INTERVAL} with the bytes so
 * far and the rate, so that a slow download is seen to move, and one at the end. A download that receives
 * nothing says so every {@link #LOG_INTERVAL} too, on a terminal or not.
 */
final class DownloadProgress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DownloadProgress.class);

    static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

    private final String name;
    private final long length;
    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();
    private long lastLogNanos = startNanos;
    private long done;

    private DownloadProgress(String name, long length, ProgressBar bar) {
        this.name = name;
        this.length = length;
        this.bar = bar;
    }

    static DownloadProgress start(String name, URI source, long length) {
        log.info("{} {} ({}) from {}", "file".equals(source.getScheme()) ? "Copying" : "Downloading", name,
                length >= 0 ? bytes(length) : "size unknown", "file".equals(source.getScheme()) ? Path.of(source) : source);
        if (System.console() == null) {
            return new DownloadProgress(name, length, null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(length)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" MB", 1 << 20)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .build();
        return new DownloadProgress(name, length, bar);
    }

    /** The line said every {@link #LOG_INTERVAL} while {@code source} keeps us waiting for {@code what}. */
    static void waiting(URI source, Duration quiet, String what) {
        log.info("Waiting for {} to send {}: nothing for {}", "file".equals(source.getScheme()) ? "the file" : source.getHost(),
                what, duration(quiet.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    }

    void advance(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (bar != null) {
            bar.stepBy(bytes);
        } else if (now - lastLogNanos >= LOG_INTERVAL.toNanos()) {
            lastLogNanos = now;
            log.info("{}: {}, {}/s", name, received(), bytes((long) (done / ((now - startNanos) / 1e9))));
        }
    }

    /** The bytes received so far, of the total where it is known: {@code 1.2 MB of 58.9 MB}. */
    String received() {
        return bytes(done) + (length >= 0 ? " of " + bytes(length) : "");
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        log.info("Fetched {} in {} s", bytes(done), String.format(Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0));
    }

    /** A byte count as people read it: {@code 17.4 MB}. */
    static String bytes(long count) {
        if (count < 1 << 10) {
            return count + " B";
        }
        if (count < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KB", count / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", count / (1024.0 * 1024.0));
    }

    /** A duration as people read it: {@code 30 min}, {@code 1.5 s}. */
    static String duration(Duration duration) {
        if (duration.toSeconds() >= 60 && duration.toSecondsPart() == 0) {
            return duration.toMinutes() + " min";
        }
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}
