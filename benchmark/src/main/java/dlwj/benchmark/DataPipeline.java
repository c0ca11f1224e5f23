package dlwj.benchmark;

import dlwj.datasets.DogsVsCats;
import dlwj.datasets.ImageFolders;
import dlwj.datasets.Imdb;
import dlwj.datasets.SequenceData;
import dlwj.datasets.TextOptions;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.DatasetUnavailableException;
import dlwj.training.Sequences;
import dlwj.training.images.ClassMode;
import dlwj.training.images.ImageAugmentation;
import dlwj.training.images.ImageBatches;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The data side of the benchmark: parsing {@code imdb.npz} (pickled object arrays), the book's
 * {@code vectorize_sequences} on 25,000 reviews, and decoding the dogs-vs-cats JPEGs at 150x150. The
 * first and last need the real files (through the data options); they are skipped, saying so, without.
 */
final class DataPipeline {

    static final List<String> STAGES = List.of("imdb-parse", "imdb-vectorize", "jpeg-decode", "jpeg-augment");

    private final DataSource source;

    DataPipeline(DataSource source) {
        this.source = source;
    }

    void run(String stage) {
        try {
            switch (stage) {
                case "imdb-parse" -> imdbParse();
                case "imdb-vectorize" -> imdbVectorize();
                case "jpeg-decode" -> pictures("jpeg-decode", ImageAugmentation.none());
                case "jpeg-augment" -> pictures("jpeg-augment", ImageAugmentation.book());
                default -> throw new IllegalArgumentException(stage);
            }
        } catch (DatasetUnavailableException e) {
            System.out.printf("pipeline=%s skipped: %s%n", stage, e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private void imdbParse() {
        long start = System.nanoTime();
        SequenceData data = Imdb.loadData(TextOptions.builder().numWords(10_000).build(), source);
        report("imdb-parse", data.trainSequences().length + data.testSequences().length, start);
    }

    /** 25,000 reviews of the book's mean length (238 words) with random word indices. */
    private void imdbVectorize() {
        Random random = new Random(0);
        int[][] reviews = new int[25_000][];
        for (int i = 0; i < reviews.length; i++) {
            reviews[i] = random.ints(119 + random.nextInt(239), 1, 10_000).toArray();
        }
        long start = System.nanoTime();
        Sequences.multiHot(reviews, 10_000);
        report("imdb-vectorize", reviews.length, start);
    }

    /**
     * Chapter 5's input pipeline without training: 500 dogs-vs-cats JPEGs decoded, resized to 150x150,
     * turned RGB and rescaled, in batches of 20 ({@code ImageBatches}), and with the book's augmentation, after
     * 100 pictures of warm-up.
     */
    private void pictures(String stage, ImageAugmentation augmentation) {
        ImageFolders folders = DogsVsCats.filtered(source);
        ImageBatches batches = ImageBatches.flowFromDirectory(folders.train()).augmentation(augmentation)
                .targetSize(150, 150).batchSize(20).classMode(ClassMode.BINARY).build().stepsPerEpoch(5);
        while (batches.hasNext()) {
            batches.next(); // warm-up: the decoder's first calls and the JIT
        }
        batches.stepsPerEpoch(25).reset();
        long start = System.nanoTime();
        int images = 0;
        while (batches.hasNext()) {
            images += (int) batches.next().getFeatures().size(0);
        }
        report(stage, images, start);
    }

    private static void report(String stage, int samples, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf(Locale.ROOT, "pipeline=%s samples=%d seconds=%.3f samples_per_s=%.1f%n", stage, samples,
                seconds, samples / seconds);
    }
}
