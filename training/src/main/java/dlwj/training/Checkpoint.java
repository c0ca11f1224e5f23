package dlwj.training;

import dlwj.datasets.files.AtomicFiles;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Lets a long run stop and go on: after every epoch, the model (weights and optimizer state), its history so far
 * and the states of what it draws from ({@link Resumable}) in one file, written atomically so an interruption
 * leaves the previous one intact. {@link Trainer#checkpointed} saves one every epoch and resumes from it.
 */
public record Checkpoint(Path file) {

    private static final String HISTORY = "history";
    private static final String FUNCTIONAL = "functional";
    private static final String STATES = "states";

    /**
     * A saved model (a {@code MultiLayerNetwork} or a {@code ComputationGraph}), the history of its epochs and the
     * states of what the run drew from, in the order given to {@link #save} (none in a checkpoint of a version
     * before them).
     */
    public record Saved(Model model, History history, List<Serializable> states) {
    }

    public void save(Model model, History history, List<Serializable> states) {
        try {
            AtomicFiles.write(file, temporary -> {
                ModelSerializer.writeModel(model, temporary.toFile(), true);
                ModelSerializer.addObjectToFile(temporary.toFile(), HISTORY, new LinkedHashMap<>(history.asMap()));
                ModelSerializer.addObjectToFile(temporary.toFile(), FUNCTIONAL, model instanceof ComputationGraph);
                ModelSerializer.addObjectToFile(temporary.toFile(), STATES, new ArrayList<>(states));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** The saved model, history and states, if there is a checkpoint. */
    public Optional<Saved> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            List<String> objects = ModelSerializer.listObjectsInFile(file.toFile());
            boolean functional = objects.contains(FUNCTIONAL)
                    && Boolean.TRUE.equals(ModelSerializer.getObjectFromFile(file.toFile(), FUNCTIONAL));
            Model model = functional ? ModelSerializer.restoreComputationGraph(file.toFile(), true)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
            Map<String, List<Double>> history = ModelSerializer.getObjectFromFile(file.toFile(), HISTORY);
            List<Serializable> states = objects.contains(STATES)
                    ? ModelSerializer.getObjectFromFile(file.toFile(), STATES) : List.of();
            return Optional.of(new Saved(model, History.of(history), states));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("The checkpoint " + file + " cannot be read (" + e.getMessage()
                    + "); delete it to start over.", e instanceof IOException io ? io : new IOException(e));
        }
    }
}
