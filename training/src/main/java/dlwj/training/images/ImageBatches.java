package dlwj.training.images;

import dlwj.datasets.ImageFolders;
import dlwj.training.BatchIterator;
import dlwj.training.Permutations;
import dlwj.training.Pictures;
import dlwj.training.Resumable;
import dlwj.training.ResumableRandom;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code ImageDataGenerator(rescale=1./255, ...).flow_from_directory(directory, ...)}: batches of
 * pictures from one subfolder per class, decoded, resized, as RGB values from 0 to 1 (channels first,
 * DL4J's layout), optionally augmented, with labels by class folder. Like Keras' generator it runs on
 * without end across epochs: an epoch is {@code stepsPerEpoch} batches, and each pass over the files is
 * reshuffled (when shuffling). {@code Trainer} loads its batches ahead of training in a background thread, and
 * a checkpoint keeps its shuffle, augmentation draws and place in the pass ({@link Resumable}).
 *
 * <pre>{@code
 * // train_generator = train_datagen.flow_from_directory(train_dir, target_size=(150, 150), batch_size=20,
 * //                                                     class_mode='binary')
 * ImageBatches train = ImageBatches.flowFromDirectory(trainDir).augmentation(ImageAugmentation.book())
 *         .targetSize(150, 150).batchSize(20).classMode(ClassMode.BINARY).build();
 * }</pre>
 */
public final class ImageBatches extends BatchIterator implements Resumable {

    private final List<Path> files;
    private final int[] labels;
    private final int classCount;
    private final int height;
    private final int width;
    private final ClassMode classMode;
    private final ImageAugmentation augmentation;
    private final boolean shuffle;
    private final ResumableRandom random;
    private final Pictures pictures = new Pictures();
    private int stepsPerEpoch;
    private int[] order;
    private int cursor;
    private int stepsDone;

    private ImageBatches(Builder flow, List<Path> files, int[] labels, int classCount) {
        super(flow.batchSize);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No images to read in " + flow.directory);
        }
        this.files = files;
        this.labels = labels;
        this.classCount = classCount;
        this.height = flow.height;
        this.width = flow.width;
        this.classMode = flow.classMode;
        this.augmentation = flow.augmentation;
        this.shuffle = flow.shuffle;
        this.random = new ResumableRandom(flow.seed);
        this.stepsPerEpoch = (files.size() + batch() - 1) / batch();
        this.cursor = files.size();
    }

    /**
     * {@code flow_from_directory(directory)}: the JPEG pictures of {@code directory}, one subfolder per class,
     * the classes in the subfolders' alphabetical order (label 0 for the first), with Keras' defaults unless
     * told otherwise.
     */
    public static Builder flowFromDirectory(Path directory) {
        return new Builder(directory);
    }

    /**
     * The arguments of {@code flow_from_directory} and the {@code ImageDataGenerator} it is called on, with
     * Keras' defaults: {@code target_size=(256, 256)}, {@code batch_size=32}, {@code class_mode='categorical'},
     * {@code shuffle=True}, no augmentation. Two differ, for this project's examples: the pictures are always
     * rescaled by 1/255 (every listing's {@code ImageDataGenerator(rescale=1./255)}; Keras' default leaves
     * them at 0-255), and the shuffle and augmentation are seeded with 0 unless told (Keras' {@code seed=None}
     * draws another each run), so that a run repeats.
     */
    public static final class Builder {

        private final Path directory;
        private int height = 256;
        private int width = 256;
        private int batchSize = 32;
        private ClassMode classMode = ClassMode.CATEGORICAL;
        private ImageAugmentation augmentation = ImageAugmentation.none();
        private boolean shuffle = true;
        private long seed;

        private Builder(Path directory) {
            this.directory = directory;
        }

        /** {@code target_size=(height, width)}: every picture is resized to it. */
        public Builder targetSize(int height, int width) {
            if (height <= 0 || width <= 0) {
                throw new IllegalArgumentException("target size must be positive, got " + height + " x " + width);
            }
            this.height = height;
            this.width = width;
            return this;
        }

        /** {@code batch_size}: pictures per batch (the last of a pass may have fewer). */
        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** {@code class_mode}: one-hot labels ({@code CATEGORICAL}) or one 0/1 column ({@code BINARY}). */
        public Builder classMode(ClassMode classMode) {
            this.classMode = classMode;
            return this;
        }

        /** The random transformations of the {@code ImageDataGenerator}, applied to each picture as it is read. */
        public Builder augmentation(ImageAugmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /** {@code shuffle}: whether each pass over the pictures takes them in a new random order. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** {@code seed}: of the shuffles and the augmentation. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public ImageBatches build() {
            List<String> classes = subfolders(directory);
            List<Path> files = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (int label = 0; label < classes.size(); label++) {
                for (Path image : ImageFolders.images(directory, classes.get(label))) {
                    files.add(image);
                    labels.add(label);
                }
            }
            return new ImageBatches(this, files, labels.stream().mapToInt(Integer::intValue).toArray(), classes.size());
        }

        private static List<String> subfolders(Path directory) {
            try (Stream<Path> entries = Files.list(directory)) {
                return entries.filter(Files::isDirectory).map(folder -> folder.getFileName().toString()).sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the class folders of " + directory + ": " + e.getMessage(), e);
            }
        }
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

    /** The pictures' height. */
    int height() {
        return height;
    }

    /** The pictures' width. */
    int width() {
        return width;
    }

    /** How many images there are (one pass). */
    public int imageCount() {
        return files.size();
    }

    /**
     * One image as the batches hold it: {@code [3, height, width]}, RGB from 0 to 1, augmented if configured.
     */
    public float[] image(int index, Random random) {
        float[] rgb = pictures.load(files.get(index), height, width);
        return augmentation.equals(ImageAugmentation.none()) ? rgb : augmentation.apply(rgb, 3, height, width, random);
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
        int count = Math.min(batch(), files.size() - cursor);
        int picture = 3 * height * width;
        float[] pixels = new float[count * picture];
        float[] targets = new float[count * totalOutcomes()];
        for (int i = 0; i < count; i++) {
            int index = order[cursor + i];
            System.arraycopy(image(index, random), 0, pixels, i * picture, picture);
            if (classMode == ClassMode.BINARY) {
                targets[i] = labels[index];
            } else {
                targets[i * classCount + labels[index]] = 1;
            }
        }
        cursor += count;
        stepsDone++;
        return new DataSet(Nd4j.create(pixels, new long[] {count, 3, height, width}, DataType.FLOAT),
                Nd4j.create(targets, new long[] {count, totalOutcomes()}, DataType.FLOAT));
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

    /** Where the pass is and what the shuffles and augmentation will draw next. */
    private record State(Serializable random, int[] order, int cursor) implements Serializable {
    }

    @Override
    public Serializable state() {
        return new State(random.state(), order, cursor);
    }

    @Override
    public void restore(Serializable state) {
        State saved = (State) state;
        random.restore(saved.random());
        order = saved.order();
        cursor = saved.cursor();
    }

    @Override
    public int inputColumns() {
        return 3 * height * width;
    }

    /** The label columns: one for {@code BINARY}, one per class for {@code CATEGORICAL}. */
    @Override
    public int totalOutcomes() {
        return classMode == ClassMode.BINARY ? 1 : classCount;
    }
}
