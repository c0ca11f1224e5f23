package dlwj.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.datavec.image.loader.NativeImageLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Pictures read as the book reads them: Keras' {@code image.load_img} (resized to the model's input) and
 * OpenCV's {@code cv2.imread} (at the picture's own size). An instance keeps its decoder for a stream of
 * pictures, as a batch generator reads them.
 */
public final class Pictures {

    private final NativeImageLoader loader = new NativeImageLoader(0, 0, 3);

    /** {@link #load(Path, int, int)} of one picture. */
    public static float[] loadImg(Path file, int height, int width) {
        return new Pictures().load(file, height, width);
    }

    /**
     * OpenCV's {@code cv2.imread(file)}, as RGB: the picture at its own size, {@code [3, height, width]},
     * values from 0 to 255.
     */
    public static INDArray imread(Path file) {
        INDArray bgr = new Pictures().decode(file);
        return bgr.get(NDArrayIndex.point(0), NDArrayIndex.indices(2, 1, 0)).castTo(DataType.FLOAT);
    }

    /**
     * Keras' {@code image.load_img(file, target_size=(height, width))} as RGB from 0 to 1,
     * {@code [3, height, width]}: resized as Keras 2.0.8 resizes, with PIL's default filter of the time,
     * nearest neighbour.
     */
    public float[] load(Path file, int height, int width) {
        INDArray bgr = decode(file);
        int fromHeight = (int) bgr.size(2);
        int fromWidth = (int) bgr.size(3);
        float[] pixels = bgr.castTo(DataType.FLOAT).data().asFloat();
        int[] rows = nearestSources(fromHeight, height);
        int[] columns = nearestSources(fromWidth, width);
        // DataVec decodes through OpenCV, which orders channels BGR; Keras' images are RGB
        float[] rgb = new float[3 * height * width];
        for (int c = 0; c < 3; c++) {
            int plane = (2 - c) * fromHeight * fromWidth;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    rgb[(c * height + y) * width + x] = pixels[plane + rows[y] * fromWidth + columns[x]] / 255f;
                }
            }
        }
        return rgb;
    }

    /** The picture as OpenCV decodes it: {@code [1, 3, height, width]}, BGR, values from 0 to 255. */
    private INDArray decode(Path file) {
        try {
            return loader.asMatrix(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the image " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * For each of {@code to} output pixels, the input pixel PIL's nearest-neighbour resize takes: the one
     * under the output pixel's centre, {@code floor((i + 0.5) * from / to)}.
     */
    static int[] nearestSources(int from, int to) {
        double scale = (double) from / to;
        return IntStream.range(0, to).map(i -> Math.min(from - 1, (int) ((i + 0.5) * scale))).toArray();
    }
}
