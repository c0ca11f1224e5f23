package dlwj.benchmark;

import dlwj.chapter02.MnistFirstNetwork;
import dlwj.chapter03.BostonHousingModel;
import dlwj.chapter03.ImdbBinaryClassification;
import dlwj.chapter03.ReutersNewswires;
import dlwj.chapter05.DogsVsCatsConvnet;
import dlwj.chapter05.MnistConvnet;
import dlwj.chapter05.Vgg16ConvBase;
import dlwj.chapter06.ImdbConvnet;
import dlwj.chapter06.ImdbRecurrent;
import dlwj.chapter06.TemperatureForecasting;
import dlwj.chapter07.SocialMediaPosts;
import dlwj.chapter08.AdversarialTraining;
import dlwj.chapter08.ConvolutionalVae;
import dlwj.chapter08.TextGeneration;
import dlwj.cli.DataSourceOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import dlwj.training.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Trains each book model, built by its chapter's own definition ({@code MnistFirstNetwork.model},
 * {@code MnistConvnet.model}, ...), on synthetic data of the book's shapes and prints one line per model in the
 * format of the PyTorch peer the project is measured against ({@code docs/reference/torch_peer.py}), so the
 * two compare one to one:
 * {@code model=NAME samples=N epoch_s=MEDIAN samples_per_s=RATE threads=T}. The first epoch is a
 * warm-up; the median of the others is reported. Training goes through {@link Trainer}, as in the examples.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Epoch times of the book's models on synthetic data, in docs/reference/torch_peer.py's format.")
public final class Benchmark implements Callable<Integer> {

    /**
     * A model of the book: how to build it, its input shape per sample, samples per epoch, batch size, targets,
     * and for a model that embeds words, the number of words (its inputs are word indices below it).
     */
    private record Spec(BiFunction<LayerChoice, Long, Model> factory, long[] shape, int samples, int batch,
                        Target target, int words) {

        Spec(BiFunction<LayerChoice, Long, Model> factory, long[] shape, int samples, int batch, Target target) {
            this(factory, shape, samples, batch, target, 0);
        }
    }

    /**
     * The targets: classes, 0/1, a number, none (inference), 7.1.3's age, income group and gender, or 8.4's
     * digits themselves.
     */
    private enum Target { CLASSES, BINARY, REGRESSION, NONE, POSTS, VAE }

    private static final Map<String, Spec> MODELS = new LinkedHashMap<>();

    /** 8.5's GAN, timed by {@link #runGan}: its loop trains two networks. */
    private static final String GAN = "cifar-gan";

    static {
        MODELS.put("mnist-dense", new Spec(MnistFirstNetwork::model, new long[] {784}, 60_000, 128, Target.CLASSES));
        MODELS.put("imdb-dense", new Spec((layers, seed) -> ImdbBinaryClassification.model(layers, seed, 2, 16,
                Activation.RELU, KerasDefaults.binaryCrossentropy()), new long[] {10_000}, 15_000, 512, Target.BINARY));
        MODELS.put("reuters-dense", new Spec((layers, seed) -> ReutersNewswires.model(layers, seed, 64,
                KerasDefaults.categoricalCrossentropy()), new long[] {10_000}, 7_982, 512, Target.CLASSES));
        MODELS.put("boston-dense", new Spec(BostonHousingModel::build, new long[] {13}, 404, 1, Target.REGRESSION));
        MODELS.put("mnist-convnet", new Spec(MnistConvnet::model, new long[] {1, 28, 28}, 60_000, 64, Target.CLASSES));
        MODELS.put("catsdogs-convnet", new Spec((layers, seed) -> DogsVsCatsConvnet.model(layers, seed, true),
                new long[] {3, 150, 150}, 2_000, 32, Target.BINARY));
        MODELS.put("vgg16-features", new Spec((layers, seed) -> Vgg16ConvBase.build(layers, 150, 150),
                new long[] {3, 150, 150}, 200, 20, Target.NONE));
        // the sequence models run a shortened epoch of 1,280 samples, as docs/reference/torch_peer.py's do
        MODELS.put("imdb-lstm", new Spec((layers, seed) -> ImdbRecurrent.model("lstm", layers, seed, 10_000),
                new long[] {500}, 1_280, 128, Target.BINARY, 10_000));
        MODELS.put("jena-gru", new Spec((layers, seed) -> TemperatureForecasting.model("gru", layers, seed, 14, 240),
                new long[] {14, 240}, 1_280, 128, Target.REGRESSION));
        MODELS.put("imdb-conv1d", new Spec((layers, seed) -> ImdbConvnet.model(layers, seed, 2_000, 500, 1e-3),
                new long[] {500}, 20_000, 128, Target.BINARY, 2_000));
        MODELS.put("posts-multi-output", new Spec(SocialMediaPosts::model, new long[] {500}, 1_280, 64, Target.POSTS,
                SocialMediaPosts.VOCABULARY_SIZE));
        // 8.1 runs 12,800 of its 200,278 sequences an epoch, as torch_reference.py's text-lstm
        MODELS.put("text-lstm", new Spec((layers, seed) -> TextGeneration.model(layers, seed, 57), new long[] {57, 60},
                12_800, 128, Target.CLASSES));
        // 8.4 runs 6,400 of MNIST's 60,000 digits an epoch, as torch_reference.py's mnist-vae
        MODELS.put("mnist-vae", new Spec(ConvolutionalVae::vae, new long[] {1, 28, 28}, 6_400, 16, Target.VAE));
    }

    @Parameters(paramLabel = "MODEL", arity = "0..*",
            description = "mnist-dense, imdb-dense, reuters-dense, boston-dense, mnist-convnet, catsdogs-convnet, "
                    + "vgg16-features, imdb-lstm, jena-gru, imdb-conv1d, posts-multi-output, text-lstm, mnist-vae, "
                    + "cifar-gan, or the data pipeline: imdb-parse, imdb-vectorize, jpeg-decode, jpeg-augment "
                    + "(default: all)")
    List<String> models = new ArrayList<>();

    @Mixin
    DataSourceOptions data = new DataSourceOptions();

    @Mixin
    LayersOption layers = new LayersOption();

    @Option(names = "--epochs", defaultValue = "3", description = "Timed epochs after the warm-up (default: 3).")
    int epochs;

    @Option(names = "--samples", paramLabel = "N",
            description = "Samples per epoch for every model, instead of the book's (for a shorter run).")
    Integer samples;

    public static void main(String[] args) {
        Examples.main(new Benchmark(), args);
    }

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>(MODELS.keySet());
        all.add(GAN);
        all.addAll(DataPipeline.STAGES);
        for (String name : models.isEmpty() ? all : models) {
            Spec spec = MODELS.get(name);
            if (spec != null) {
                run(name, spec);
            } else if (name.equals(GAN)) {
                runGan();
            } else if (DataPipeline.STAGES.contains(name)) {
                new DataPipeline(data.dataSource()).run(name);
            } else {
                throw new IllegalArgumentException("Unknown model '" + name + "'; choose from " + all);
            }
        }
        return 0;
    }

    private void run(String name, Spec spec) {
        Model network;
        try {
            network = spec.factory().apply(layers.choice(), 0L);
        } catch (IllegalArgumentException noStockTwin) { // --layers dl4j, a model with a layer DL4J lacks
            System.out.println("model=" + name + " skipped: " + noStockTwin.getMessage());
            return;
        }
        int n = samples == null ? spec.samples() : Math.min(samples, spec.samples());
        Nd4j.getRandom().setSeed(0);
        long[] shape = new long[spec.shape().length + 1];
        shape[0] = n;
        System.arraycopy(spec.shape(), 0, shape, 1, spec.shape().length);
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        if (spec.words() > 0) {
            Transforms.floor(x.muli(spec.words()), false);
        }
        double[] times = new double[epochs + 1];
        if (spec.target() == Target.NONE) {
            for (int epoch = 0; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                for (long i = 0; i < n; i += spec.batch()) {
                    INDArray batch = x.get(NDArrayIndex.interval(i, Math.min(n, i + spec.batch())));
                    ((MultiLayerNetwork) network).output(batch, false);
                }
                times[epoch] = (System.nanoTime() - start) / 1e9;
            }
        } else {
            INDArray[] y = spec.target() == Target.VAE ? ConvolutionalVae.targets(x)
                    : targets(spec.target(), n, network);
            Trainer trainer = new Trainer(network).quiet();
            for (int epoch = 0; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                trainer.fit(new INDArray[] {x}, y, 1, spec.batch());
                times[epoch] = (System.nanoTime() - start) / 1e9;
            }
        }
        double median = median(Arrays.copyOfRange(times, 1, times.length));
        System.out.printf(Locale.ROOT, "model=%s samples=%d epoch_s=%.3f samples_per_s=%.1f threads=%d%n", name, n,
                median, n / median, Nd4j.getEnvironment().maxMasterThreads());
    }

    /**
     * 8.5's GAN: an "epoch" is 4 iterations of the book's loop, a discriminator step on 20 generated and 20 random
     * "real" pictures then a generator step, as torch_reference.py's cifar-gan; samples count both halves
     * ({@code --samples} fewer: a shorter epoch).
     */
    private void runGan() {
        int batch = 20;
        int iterations = samples == null ? 4 : Math.max(1, Math.min(4, samples / (2 * batch)));
        Nd4j.getRandom().setSeed(0);
        AdversarialTraining training = AdversarialTraining.of(3, layers.choice(), 0);
        INDArray real = Nd4j.rand(DataType.FLOAT, batch, 3, 32, 32).muli(2).subi(1);
        double[] times = new double[epochs + 1];
        for (int epoch = 0; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                training.step(real);
            }
            times[epoch] = (System.nanoTime() - start) / 1e9;
        }
        double median = median(Arrays.copyOfRange(times, 1, times.length));
        int samples = iterations * batch * 2;
        System.out.printf(Locale.ROOT, "model=%s samples=%d epoch_s=%.3f samples_per_s=%.1f threads=%d%n", GAN, samples,
                median, samples / median, Nd4j.getEnvironment().maxMasterThreads());
    }

    private static INDArray[] targets(Target target, int n, Model network) {
        return switch (target) {
            case CLASSES -> new INDArray[] {oneHot(n,
                    ((MultiLayerNetwork) network).getOutputLayer().getParam("b").length())};
            case BINARY -> new INDArray[] {binary(n)};
            case REGRESSION -> new INDArray[] {Nd4j.rand(DataType.FLOAT, n, 1).muli(50)};
            case POSTS -> new INDArray[] {Nd4j.rand(DataType.FLOAT, n, 1).muli(80),
                    oneHot(n, SocialMediaPosts.NUM_INCOME_GROUPS), binary(n)};
            case NONE, VAE -> throw new IllegalStateException();
        };
    }

    private static INDArray oneHot(int n, long classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        Random random = new Random(0);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, random.nextInt((int) classes), 1f);
        }
        return y;
    }

    private static INDArray binary(int n) {
        return Nd4j.rand(DataType.FLOAT, n, 1).gt(0.5).castTo(DataType.FLOAT);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
