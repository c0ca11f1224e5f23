package dlwj.training;

import dlwj.datasets.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Lets a long run stop and go on: after every epoch, the model (weights and optimizer state) and its
 * history so far in one file, written atomically so an interruption leaves the previous one intact.
 * {@link Trainer#checkpointed} saves one every epoch and resumes from it.
 */
public record Checkpoint(Path file) {

    private static final String HISTORY = "history";
    private static final String FUNCTIONAL = "functional";

    /** A saved model (a {@code MultiLayerNetwork} or a {@code ComputationGraph}) and the history of its epochs. */
    public record Saved(Model model, History history) {
    }

    public void save(Model model, History history) {
        try {
            AtomicFiles.write(file, temporary -> {
                ModelSerializer.writeModel(model, temporary.toFile(), true);
                ModelSerializer.addObjectToFile(temporary.toFile(), HISTORY, new LinkedHashMap<>(history.asMap()));
                ModelSerializer.addObjectToFile(temporary.toFile(), FUNCTIONAL, model instanceof ComputationGraph);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** The saved model and history, if there is a checkpoint. */
    public Optional<Saved> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            boolean functional = ModelSerializer.listObjectsInFile(file.toFile()).contains(FUNCTIONAL)
                    && Boolean.TRUE.equals(ModelSerializer.getObjectFromFile(file.toFile(), FUNCTIONAL));
            Model model = functional ? ModelSerializer.restoreComputationGraph(file.toFile(), true)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
            Map<String, List<Double>> history = ModelSerializer.getObjectFromFile(file.toFile(), HISTORY);
            return Optional.of(new Saved(model, History.of(history)));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("The checkpoint " + file + " cannot be read (" + e.getMessage()
                    + "); delete it to start over.", e instanceof IOException io ? io : new IOException(e));
        }
    }
}
