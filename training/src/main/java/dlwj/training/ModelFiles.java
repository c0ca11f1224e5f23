package dlwj.training;

import dlwj.datasets.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** {@code model.save('cats_and_dogs_small_1.h5')} for DL4J: DL4J's own zip format, written atomically. */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** Saves configuration, weights and optimizer state, so training can go on after loading. */
    public static Path save(Model model, Path file) {
        try {
            return AtomicFiles.write(file, temporary -> ModelSerializer.writeModel(model, temporary.toFile(), true));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the model to " + file + ": " + e.getMessage(), e);
        }
    }

    public static MultiLayerNetwork loadMultiLayerNetwork(Path file) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load a model from " + file + ": " + e.getMessage(), e);
        }
    }
}
