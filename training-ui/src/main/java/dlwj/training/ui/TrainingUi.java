package dlwj.training.ui;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

/**
 * DL4J's training UI, TensorBoard's place in book section 7.2.2: a model's training statistics (loss, learning
 * rate, per-layer histograms and mean magnitudes of parameters, updates and activations, update:parameter ratios)
 * recorded by DL4J's {@link StatsListener} into a stats file, the {@code log_dir} of Keras' TensorBoard callback,
 * and served in the browser by DL4J's {@link UIServer}, live while the model trains or from the file afterwards.
 *
 * <pre>{@code
 * try (TrainingUi ui = TrainingUi.record(model, options.output("ui-stats.bin"), Optional.of(9000))) {
 *     trainer.fit(...);                           // http://localhost:9000/train/overview shows it as it trains
 * }
 * }</pre>
 */
public final class TrainingUi implements AutoCloseable {

    /** Statistics every this many training steps (batches): an IMDB epoch of 157 steps gives 16 points. */
    public static final int STEPS_PER_REPORT = 10;

    private final StatsStorage storage;
    private final UIServer server;

    private TrainingUi(StatsStorage storage, UIServer server) {
        this.storage = storage;
        this.server = server;
    }

    /**
     * Records {@code model}'s training into {@code statsFile} (replacing a file there) and, given a port, serves the
     * UI on it while the model trains; the trainer's steps report to the UI until {@link #close()}.
     */
    public static TrainingUi record(Model model, Path statsFile, Optional<Integer> port) {
        port.ifPresent(TrainingUi::requirePortFree);
        try {
            Files.createDirectories(statsFile.toAbsolutePath().getParent());
            Files.deleteIfExists(statsFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write the stats file " + statsFile + ": " + e.getMessage(), e);
        }
        StatsStorage storage = new FileStatsStorage(statsFile.toFile());
        model.addListeners(new StatsListener(storage, STEPS_PER_REPORT));
        return new TrainingUi(storage, port.map(p -> serve(p, storage)).orElse(null));
    }

    /** Serves a stats file recorded before ({@code tensorboard --logdir}) on {@code port}. */
    public static TrainingUi open(Path statsFile, int port) {
        requireStatsFile(statsFile);
        requirePortFree(port);
        StatsStorage storage;
        try {
            storage = new FileStatsStorage(statsFile.toFile());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(statsFile + " is not a stats file DL4J's UI can read (" + e.getMessage()
                    + "): record one again with ./run 7.2.2", e);
        }
        if (storage.listSessionIDs().isEmpty()) {
            closeQuietly(storage);
            throw new IllegalArgumentException(statsFile + " holds no training session: record one with ./run 7.2.2");
        }
        return new TrainingUi(storage, serve(port, storage));
    }

    /** The UI's overview page, if it is served. */
    public Optional<String> url() {
        return Optional.ofNullable(server).map(s -> "http://localhost:" + s.getPort() + "/train/overview");
    }

    /** Stops the server, if any, and closes the stats file. */
    @Override
    public void close() {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(storage);
        }
    }

    private static void closeQuietly(StatsStorage storage) {
        try {
            storage.close();
        } catch (IOException e) {
            System.err.println("Could not close the stats file " + storage + ": " + e.getMessage());
        }
    }

    private static UIServer serve(int port, StatsStorage storage) {
        UIServer server = VertxUIServer.getInstance(port, false, null);
        server.attach(storage);
        return server;
    }

    /** A stats file to open, checked before any work: one line if there is none. */
    public static void requireStatsFile(Path statsFile) {
        if (!Files.isRegularFile(statsFile)) {
            throw new IllegalArgumentException("No stats file at " + statsFile + ": give the ui-stats.bin that "
                    + "./run 7.2.2 wrote in its output folder");
        }
    }

    /** A port the UI can listen on, checked before any work: one line if another program has it. */
    public static void requirePortFree(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--ui-port must be between 1 and 65535, got " + port);
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalArgumentException("Port " + port + " is in use (" + e.getMessage()
                    + "): give the UI another with --ui-port N", e);
        }
    }
}
