package dlwj.chapter05;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The small VGG-like stack in Keras' weight-file layout that {@code Vgg16ConvBaseTest} checks against numpy,
 * for the examples' tests that need a weights file standing for VGG16's.
 */
final class VggLikeWeights {

    private VggLikeWeights() {
    }

    /** Copies the file into {@code dir} and returns its path. */
    static Path copyTo(Path dir) throws IOException {
        Path file = dir.resolve("vgg-like-weights.h5");
        try (InputStream in = VggLikeWeights.class.getResourceAsStream("/dlwj/chapter05/vgg-like-weights.h5")) {
            Files.copy(in, file);
        }
        return file;
    }
}
