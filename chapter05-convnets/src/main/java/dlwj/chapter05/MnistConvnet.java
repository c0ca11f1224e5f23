package dlwj.chapter05;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.cli.MnistDatasetOption;
import dlwj.datasets.ImageData;
import dlwj.keras.layers.Dense;
import dlwj.keras.layers.MaxPooling2D;
import dlwj.training.KerasDefaults;
import dlwj.training.Labels;
import dlwj.training.LayerChoice;
import dlwj.training.Metric;
import dlwj.training.ModelSummary;
import dlwj.training.Trainer;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 5.1, "Introduction to convnets" (listings 5.1-5.3): three {@code Conv2D} layers with
 * max pooling (55,744 parameters), then a dense classifier (93,322 in all), on MNIST digits as 28x28x1
 * images. The book reaches a test accuracy of 0.991 after 5 epochs (2.1's dense network: 0.978).
 */
@Command(name = "MnistConvnet", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 5.1: a small convnet on MNIST; prints the model summary, trains 5 epochs, evaluates.")
public final class MnistConvnet implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new MnistConvnet(), args);
    }

    @Override
    public Integer call() {
        // Listing 5.1: instantiating a small convnet, the convolutional base alone
        MultiLayerNetwork base = network(layers.choice(), convolutionalBase(layers.choice(), options.seed()));
        System.out.print(ModelSummary.of(base, MNIST_IMAGES));

        // Listing 5.2: adding a classifier on top of the convnet (model, below)
        MultiLayerNetwork model = model(layers.choice(), options.seed());
        System.out.print(ModelSummary.of(model, MNIST_IMAGES));

        // Listing 5.3: training the convnet on MNIST images; DL4J's images are channels first, (samples, 1, 28, 28)
        ImageData data = dataset.loadData(options.dataSource());
        int trainCount = options.samples((int) data.trainImages().size(0), 2_000);
        int testCount = options.samples((int) data.testImages().size(0), 1_000);
        INDArray trainImages = images(data.trainImages(), trainCount);
        INDArray testImages = images(data.testImages(), testCount);
        INDArray trainLabels = Labels.toCategorical(data.trainLabels().get(interval(0, trainCount)), 10);
        INDArray testLabels = Labels.toCategorical(data.testLabels().get(interval(0, testCount)), 10);

        Trainer trainer = new Trainer(model, Metric.ACCURACY).seed(options.seed());
        trainer.fit(trainImages, trainLabels, options.epochs(5), options.batchSize(64));
        Map<String, Double> test = trainer.evaluate(testImages, testLabels);
        System.out.printf("test_loss: %.4f, test_acc: %.4f%n", test.get("loss"), test.get("acc"));
        options.record("test_acc", test.get("acc"));
        options.record("test_loss", test.get("loss"));
        return 0;
    }

    /** {@code input_shape=(28, 28, 1)}: grey 28x28 pictures. */
    private static final InputType MNIST_IMAGES = InputType.convolutional(28, 28, 1);

    /** Listing 5.2: the convolutional base, then Dense(64, relu) and Dense(10, softmax); rmsprop, categorical crossentropy. */
    public static MultiLayerNetwork model(LayerChoice layers, long seed) {
        return network(layers, convolutionalBase(layers, seed)
                // model.add(layers.Flatten()): DL4J flattens between the convolutional and the dense layers itself
                .layer(layers.dense(64, Activation.RELU))
                .layer(layers.output(10, Activation.SOFTMAX, KerasDefaults.categoricalCrossentropy())));
    }

    /** Listing 5.1: Conv2D(32) + MaxPooling2D, Conv2D(64) + MaxPooling2D, Conv2D(64), all 3x3 with ReLU. */
    private static NeuralNetConfiguration.ListBuilder convolutionalBase(LayerChoice layers, long seed) {
        return KerasDefaults.network(seed).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build())
                .layer(layers.maxPooling2D(2, 2))
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build())
                .layer(layers.maxPooling2D(2, 2))
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build());
    }

    private static MultiLayerNetwork network(LayerChoice choice, NeuralNetConfiguration.ListBuilder layers) {
        return choice.initialise(new MultiLayerNetwork(layers.setInputType(MNIST_IMAGES).build()));
    }

    /** {@code images.reshape((n, 28, 28, 1)).astype('float32') / 255}, channels first for DL4J. */
    private static INDArray images(INDArray images, int count) {
        return images.get(interval(0, count)).reshape(count, 1, 28, 28).castTo(DataType.FLOAT).divi(255);
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    MnistDatasetOption dataset = new MnistDatasetOption();

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
