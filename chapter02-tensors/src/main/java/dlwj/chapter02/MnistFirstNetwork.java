package dlwj.chapter02;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.cli.MnistDatasetOption;
import dlwj.datasets.ImageData;
import dlwj.keras.layers.Dense;
import dlwj.training.KerasDefaults;
import dlwj.training.Labels;
import dlwj.training.LayerChoice;
import dlwj.training.Metric;
import dlwj.training.Plots;
import dlwj.training.Trainer;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 2.1, "A first look at a neural network" (listings 2.1 to 2.5): two dense layers learn to
 * classify MNIST digits. The book reaches a test accuracy of 0.978 after 5 epochs.
 */
@Command(name = "MnistFirstNetwork", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 2.1: a first neural network, Dense(512, relu) + Dense(10, softmax), on MNIST.")
public final class MnistFirstNetwork implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new MnistFirstNetwork(), args);
    }

    @Override
    public Integer call() {
        // Listing 2.1: loading the MNIST dataset
        // (train_images, train_labels), (test_images, test_labels) = mnist.load_data()
        ImageData data = dataset.loadData(options.dataSource());
        int trainCount = options.samples((int) data.trainImages().size(0), 2_000);
        int testCount = options.samples((int) data.testImages().size(0), 1_000);
        INDArray trainImages = data.trainImages().get(NDArrayIndex.interval(0, trainCount));
        INDArray trainLabels = data.trainLabels().get(NDArrayIndex.interval(0, trainCount));
        INDArray testImages = data.testImages().get(NDArrayIndex.interval(0, testCount));
        INDArray testLabels = data.testLabels().get(NDArrayIndex.interval(0, testCount));

        // Listing 2.2: the network architecture; listing 2.3: the compilation step (model, below)
        MultiLayerNetwork network = model(layers.choice(), options.seed());

        // Listing 2.4: preparing the image data
        INDArray x = trainImages.reshape(trainCount, 28 * 28).castTo(DataType.FLOAT).divi(255);
        INDArray xTest = testImages.reshape(testCount, 28 * 28).castTo(DataType.FLOAT).divi(255);

        // Listing 2.5: preparing the labels
        INDArray y = Labels.toCategorical(trainLabels, 10);
        INDArray yTest = Labels.toCategorical(testLabels, 10);

        // network.fit(train_images, train_labels, epochs=5, batch_size=128)
        Trainer trainer = new Trainer(network, Metric.ACCURACY).seed(options.seed());
        trainer.fit(x, y, options.epochs(5), options.batchSize(128));

        Map<String, Double> test = trainer.evaluate(xTest, yTest);
        System.out.printf("test_loss: %.4f, test_acc: %.4f%n", test.get("loss"), test.get("acc"));
        options.record("test_acc", test.get("acc"));
        options.record("test_loss", test.get("loss"));

        // Section 2.2.3: the fifth training image, as the book displays it
        Plots.imageGrid(trainImages.get(NDArrayIndex.interval(4, 5)), 1, 8, 255,
                options.output("mnist-first-network-digit.png"));
        return 0;
    }

    /** Listing 2.2: Dense(512, relu), Dense(10, softmax); listing 2.3: rmsprop, categorical crossentropy. */
    public static MultiLayerNetwork model(LayerChoice layers, long seed) {
        return layers.initialise(new MultiLayerNetwork(KerasDefaults.network(seed).list()
                .layer(layers.dense(512, Activation.RELU))
                .layer(layers.output(10, Activation.SOFTMAX, KerasDefaults.categoricalCrossentropy()))
                .setInputType(InputType.feedForward(28 * 28)) // input_shape=(28 * 28,)
                .build()));
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    MnistDatasetOption dataset = new MnistDatasetOption();

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
