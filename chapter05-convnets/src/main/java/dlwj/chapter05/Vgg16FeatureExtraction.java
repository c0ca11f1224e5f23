package dlwj.chapter05;

import dlwj.cli.DogsVsCatsSplitOption;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.datasets.ImageFolders;
import dlwj.datasets.files.AtomicFiles;
import dlwj.datasets.files.Checksum;
import dlwj.keras.layers.Dense;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.Metric;
import dlwj.training.ModelSummary;
import dlwj.training.Plots;
import dlwj.training.Trainer;
import dlwj.training.images.ClassMode;
import dlwj.training.images.ImageBatches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 5.3.1, "Feature extraction" without data augmentation (listings 5.16-5.19): VGG16's
 * convolutional base with Keras' ImageNet weights runs once over the dogs-vs-cats pictures, its 4x4x512
 * features are cached on disk, and a small densely connected classifier trains on them: {@code Dense(256,
 * relu)}, {@code Dropout(0.5)}, {@code Dense(1, sigmoid)}, RMSprop at 2e-5, 30 epochs of 20. The book:
 * validation accuracy about 0.90.
 */
@Command(name = "Vgg16FeatureExtraction", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 5.3.1: VGG16's ImageNet features of the dogs-vs-cats pictures, and a classifier on them.")
public final class Vgg16FeatureExtraction implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new Vgg16FeatureExtraction(), args);
    }

    @Override
    public Integer call() {
        // Listing 5.16: instantiating the VGG16 convolutional base, with Keras' ImageNet weights
        Path weightsFile = weights.notop(options);
        MultiLayerNetwork convBase = Vgg16ConvBase.fromKerasWeights(layers.choice(), weightsFile, SIZE, SIZE);
        System.out.print(ModelSummary.of(convBase, InputType.convolutional(SIZE, SIZE, 3)));

        // Listing 5.17: extracting features with the pretrained convolutional base (cached on disk)
        ImageFolders folders = split.folders(options.dataSource());
        DataSet train = features(convBase, folders.train(), weightsFile);
        DataSet validation = features(convBase, folders.validation(), weightsFile);

        // Listing 5.18: defining and training the densely connected classifier
        MultiLayerNetwork classifier = new MultiLayerNetwork(KerasDefaults.network(options.seed())
                .updater(KerasDefaults.rmsprop(2e-5)).list()
                .layer(layers.choice().dense(256, Activation.RELU))
                .layer(new DropoutLayer.Builder(0.5).build()) // Keras' Dropout(0.5); DL4J takes the keep probability
                .layer(layers.choice().output(1, Activation.SIGMOID, KerasDefaults.binaryCrossentropy()))
                .setInputType(InputType.feedForward(train.getFeatures().columns()))
                .build());
        layers.choice().initialise(classifier);
        Trainer trainer = new Trainer(classifier, Metric.ACCURACY).seed(options.seed());
        History history = trainer.fit(train.getFeatures(), train.getLabels(), options.epochs(30), options.batchSize(20),
                validation.getFeatures(), validation.getLabels());

        // Listing 5.19: plotting the results
        Plots.trainingAndValidation(history, "acc", "Training and validation accuracy",
                options.output("vgg16-features-accuracy.png"));
        Plots.trainingAndValidation(history, "loss", "Training and validation loss",
                options.output("vgg16-features-loss.png"));
        double highest = history.highest("val_acc");
        System.out.printf("Highest validation accuracy %.4f%n", highest);
        options.record("highest_val_acc", highest);
        return 0;
    }

    private static final int SIZE = 150;

    /**
     * Listing 5.17's {@code extract_features}: the conv base's features of one split's pictures (rescaled by
     * 1/255), flattened as the book's {@code np.reshape(features, (n, 4 * 4 * 512))}, with their labels; read
     * from the cache when this weights file's features of that split are there.
     */
    private DataSet features(MultiLayerNetwork convBase, Path split, Path weightsFile) {
        // datagen.flow_from_directory(directory, target_size=(150, 150), batch_size=batch_size, class_mode='binary')
        ImageBatches pictures = ImageBatches.flowFromDirectory(split).targetSize(SIZE, SIZE).batchSize(20)
                .classMode(ClassMode.BINARY).seed(options.seed()).build();
        int count = options.samples(pictures.imageCount(), 60);
        pictures.stepsPerEpoch((count + 19) / 20);
        try {
            // keyed on the weights' content: other weights under the same name and size give other features
            Path cache = options.output("vgg16-features-" + Checksum.digest("SHA-256", weightsFile).substring(0, 16)
                    + "-" + split.getFileName() + "-" + count + ".bin");
            if (Files.exists(cache)) {
                System.out.println("Features of " + split + " from " + cache);
                return load(cache);
            }
            System.out.printf("Extracting the features of %d pictures of %s...%n", count, split);
            long start = System.nanoTime();
            List<DataSet> batches = new ArrayList<>();
            while (pictures.hasNext()) {
                DataSet batch = pictures.next();
                INDArray features = convBase.output(batch.getFeatures());
                batches.add(new DataSet(features.reshape(features.size(0), -1), batch.getLabels()));
            }
            DataSet all = DataSet.merge(batches);
            System.out.printf("  %d pictures in %.0f s%n", all.numExamples(), (System.nanoTime() - start) / 1e9);
            AtomicFiles.write(cache, temporary -> all.save(temporary.toFile()));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot cache the features of " + split + ": " + e.getMessage(), e);
        }
    }

    private static DataSet load(Path file) {
        DataSet data = new DataSet();
        data.load(file.toFile());
        return data;
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    Vgg16WeightsOption weights = new Vgg16WeightsOption();

    @Mixin
    DogsVsCatsSplitOption split = new DogsVsCatsSplitOption();

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
