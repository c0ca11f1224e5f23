package dlwj.training;

import dlwj.datasets.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.databind.exc.InvalidTypeIdException;

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

    /**
     * The model saved in {@code file}, ready to train on. A model whose configuration names a class this
     * version lacks (saved by another version of DL4J or of this project) is refused in one line.
     */
    public static MultiLayerNetwork loadMultiLayerNetwork(Path file) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load a model from " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            InvalidTypeIdException unknown = unknownClass(e);
            if (unknown == null) {
                throw e;
            }
            String message = "Could not load a model from " + file + ": it names a layer this version does not have ("
                    + unknown.getTypeId() + "); it was saved by another version of DL4J or of this project: run the "
                    + "example that saved it again";
            throw new UncheckedIOException(message, new IOException(message, e));
        }
    }

    /** DL4J's JSON reader's complaint about a class it cannot find, where that is what {@code e} comes from. */
    private static InvalidTypeIdException unknownClass(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidTypeIdException unknown) {
                return unknown;
            }
        }
        return null;
    }
}
