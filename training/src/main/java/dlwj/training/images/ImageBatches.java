package dlwj.training.images;

import dlwj.datasets.ImageFolders;
import dlwj.training.Permutations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.IntStream;
import org.datavec.image.loader.NativeImageLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras' {@code ImageDataGenerator(rescale=1./255, ...).flow_from_directory(directory, target_size,
 * batch_size, class_mode='binary')}: batches of images from one folder per class, decoded, resized, as RGB
 * values from 0 to 1 (channels first, DL4J's layout), optionally augmented, with labels 0/1 by class
 * folder. Like Keras' generator it runs on without end across epochs: an epoch is {@code stepsPerEpoch}
 * batches, and each pass over the files is reshuffled (when shuffling). Wrap it in DL4J's
 * {@code AsyncDataSetIterator} to load ahead of training in a background thread.
 */
public final class ImageBatches implements DataSetIterator {

    private final List<Path> files;
    private final int[] labels;
    private final int size;
    private final int batchSize;
    private final ImageAugmentation augmentation;
    private final boolean shuffle;
    private final Random random;
    private final NativeImageLoader loader;
    private int stepsPerEpoch;
    private int[] order;
    private int cursor;
    private int stepsDone;

    private ImageBatches(List<Path> files, int[] labels, int size, int batchSize, ImageAugmentation augmentation,
                         boolean shuffle, long seed) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No images to read");
        }
        this.files = files;
        this.labels = labels;
        this.size = size;
        this.batchSize = batchSize;
        this.augmentation = augmentation;
        this.shuffle = shuffle;
        this.random = new Random(seed);
        this.loader = new NativeImageLoader(0, 0, 3);
        this.stepsPerEpoch = (files.size() + batchSize - 1) / batchSize;
        this.cursor = files.size();
    }

    /**
     * The images of {@code split} (one subfolder per class, labelled by its position in {@code classes}),
     * resized to {@code size} x {@code size}; {@code augmentation} may be null.
     */
    public static ImageBatches fromDirectory(Path split, List<String> classes, int size, int batchSize,
                                             ImageAugmentation augmentation, boolean shuffle, long seed) {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            for (Path image : ImageFolders.images(split, classes.get(label))) {
                files.add(image);
                labels.add(label);
            }
        }
        return new ImageBatches(files, labels.stream().mapToInt(Integer::intValue).toArray(), size, batchSize,
                augmentation, shuffle, seed);
    }

    /** {@code steps_per_epoch}: how many batches make an epoch (default: one pass over the images). */
    public ImageBatches stepsPerEpoch(int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps per epoch must be positive, got " + steps);
        }
        this.stepsPerEpoch = steps;
        return this;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** The pictures' width and height. */
    int size() {
        return size;
    }

    /** How many images there are (one pass). */
    public int imageCount() {
        return files.size();
    }

    /** One image as the batches hold it: {@code [3, size, size]}, RGB from 0 to 1, augmented if configured. */
    public float[] image(int index, Random random) {
        float[] rgb = read(files.get(index), size, loader);
        return augmentation == null ? rgb : augmentation.apply(rgb, 3, size, size, random);
    }

    /**
     * Keras' {@code image.load_img(file, target_size=(size, size))} as RGB from 0 to 1, {@code [3, size, size]}:
     * resized as Keras 2.0.8 resizes, with PIL's default filter of the time, nearest neighbour.
     */
    public static float[] read(Path file, int size) {
        return read(file, size, new NativeImageLoader(0, 0, 3));
    }

    private static float[] read(Path file, int size, NativeImageLoader loader) {
        INDArray bgr = decode(file, loader);
        int height = (int) bgr.size(2);
        int width = (int) bgr.size(3);
        float[] pixels = bgr.castTo(DataType.FLOAT).data().asFloat();
        int[] rows = nearestSources(height, size);
        int[] columns = nearestSources(width, size);
        // DataVec decodes through OpenCV, which orders channels BGR; Keras' images are RGB
        float[] rgb = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            int plane = (2 - c) * height * width;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    rgb[(c * size + y) * size + x] = pixels[plane + rows[y] * width + columns[x]] / 255f;
                }
            }
        }
        return rgb;
    }

    /**
     * OpenCV's {@code cv2.imread(file)}, as RGB: the picture at its own size, {@code [3, height, width]},
     * values from 0 to 255.
     */
    public static INDArray readOriginal(Path file) {
        INDArray bgr = decode(file, new NativeImageLoader(0, 0, 3));
        return bgr.get(NDArrayIndex.point(0), NDArrayIndex.indices(2, 1, 0)).castTo(DataType.FLOAT);
    }

    /** The picture as OpenCV decodes it: {@code [1, 3, height, width]}, BGR, values from 0 to 255. */
    private static INDArray decode(Path file, NativeImageLoader loader) {
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

    @Override
    public boolean hasNext() {
        return stepsDone < stepsPerEpoch;
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (cursor >= files.size()) {
            startPass();
        }
        int count = Math.min(batchSize, files.size() - cursor);
        float[] pixels = new float[count * 3 * size * size];
        float[] targets = new float[count];
        for (int i = 0; i < count; i++) {
            int index = order[cursor + i];
            System.arraycopy(image(index, random), 0, pixels, i * 3 * size * size, 3 * size * size);
            targets[i] = labels[index];
        }
        cursor += count;
        stepsDone++;
        return new DataSet(Nd4j.create(pixels, new long[] {count, 3, size, size}, DataType.FLOAT),
                Nd4j.create(targets, new long[] {count, 1}, DataType.FLOAT));
    }

    private void startPass() {
        order = IntStream.range(0, files.size()).toArray();
        if (shuffle) {
            Permutations.shuffle(order, random);
        }
        cursor = 0;
    }

    /** Starts the next epoch; like Keras' generator, the pass over the images goes on where it was. */
    @Override
    public void reset() {
        stepsDone = 0;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("batches have the size given when the iterator was made");
    }

    @Override
    public int inputColumns() {
        return 3 * size * size;
    }

    @Override
    public int totalOutcomes() {
        return 1;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("images are rescaled to [0, 1] already");
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
