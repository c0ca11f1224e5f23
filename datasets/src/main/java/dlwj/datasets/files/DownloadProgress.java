package dlwj.datasets.files;

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
 * Progress of one download: a live bar with bytes, rate and ETA on a terminal; a line at the start and
 * one at the end otherwise (CI logs, IDE consoles that are not terminals).
 */
final class DownloadProgress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DownloadProgress.class);

    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();
    private long done;

    private DownloadProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static DownloadProgress start(String name, URI source, long length) {
        log.info("{} {} ({}) from {}", "file".equals(source.getScheme()) ? "Copying" : "Downloading", name,
                length >= 0 ? bytes(length) : "size unknown", "file".equals(source.getScheme()) ? Path.of(source) : source);
        if (System.console() == null) {
            return new DownloadProgress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(length)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" MB", 1 << 20)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .build();
        return new DownloadProgress(bar);
    }

    void advance(long bytes) {
        done += bytes;
        if (bar != null) {
            bar.stepBy(bytes);
        }
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
}
