package dlwj.training;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Keras-style progress: a live bar of the steps of the epoch on a terminal, then one line per epoch,
 * {@code Epoch 3/20 - 2s - loss: 0.2110 - acc: 0.9310 - val_loss: 0.2790 - val_acc: 0.8880}. Without a
 * terminal (CI logs, redirected output) only the epoch lines are printed.
 */
final class EpochProgress {

    private final PrintStream out;
    private final boolean live;
    private ProgressBar bar;
    private long startNanos;

    EpochProgress(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    /** Whether a live bar can be drawn: standard output is a terminal. */
    static boolean terminal() {
        return System.console() != null;
    }

    void startEpoch(int epoch, int epochs, long steps) {
        startNanos = System.nanoTime();
        if (live) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "Epoch %d/%d", epoch, epochs))
                    .setInitialMax(steps)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    .continuousUpdate()
                    .build();
        }
    }

    void step(double runningLoss) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "loss: %.4f", runningLoss));
        }
    }

    void endEpoch(int epoch, int epochs, Map<String, Double> values) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.println(line(epoch, epochs, (System.nanoTime() - startNanos) / 1e9, values));
    }

    static String line(int epoch, int epochs, double seconds, Map<String, Double> values) {
        return String.format(Locale.ROOT, "Epoch %d/%d - %.0fs - ", epoch, epochs, seconds)
                + values.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s: %.4f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(" - "));
    }
}
