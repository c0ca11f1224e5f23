package dlwj.chapter02;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.MnistDatasetOption;
import dlwj.datasets.ImageData;
import dlwj.training.KerasDefaults;
import dlwj.training.Labels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 2.4, "The engine of neural networks: gradient-based optimization": mini-batch stochastic
 * gradient descent written out by hand (section 2.4.3's five steps), without and with momentum (the book's
 * update rule), on a small {@link TwoLayerNetwork} learning MNIST; and its hand-written gradients checked
 * against the ones DL4J computes for the same weights (section 2.4.4, backpropagation).
 */
@Command(name = "GradientDescentByHand", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 2.4: mini-batch SGD by hand, with and without momentum; gradients checked against DL4J.")
public final class GradientDescentByHand implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new GradientDescentByHand(), args);
    }

    @Override
    public Integer call() {
        // Listing 2.1's MNIST, the images prepared as in listing 2.4, the training labels as in listing 2.5
        // (the first 2,000 + 1,000 images with --quick)
        ImageData data = dataset.loadData(options.dataSource());
        int trainCount = options.samples((int) data.trainImages().size(0), 2_000);
        int testCount = options.samples((int) data.testImages().size(0), 1_000);
        INDArray x = pixels(data.trainImages(), trainCount);
        INDArray y = Labels.toCategorical(data.trainLabels().get(interval(0, trainCount)), 10);
        INDArray xTest = pixels(data.testImages(), testCount);
        INDArray yTest = data.testLabels().get(interval(0, testCount)).castTo(DataType.LONG);

        // Section 2.4.4: the hand-written backward pass against DL4J's, on the first batch, in float64
        TwoLayerNetwork probe = TwoLayerNetwork.glorotUniform(28 * 28, hidden, 10, DataType.DOUBLE, options.seed());
        int checkRows = Math.min(128, trainCount);
        double difference = largestDifferenceFromDl4j(probe, x.get(interval(0, checkRows)).castTo(DataType.DOUBLE),
                y.get(interval(0, checkRows)).castTo(DataType.DOUBLE));
        System.out.printf("Gradients by the chain rule vs DL4J's backpropagation: largest difference %.1e%n%n",
                difference);
        options.record("largest_gradient_difference", difference);

        int epochs = options.epochs(3);
        int batchSize = options.batchSize(128);
        for (double m : new double[] {0, momentum}) {
            System.out.printf("Mini-batch SGD, learning rate %s, momentum %s:%n", learningRate, m);
            TwoLayerNetwork network = TwoLayerNetwork.glorotUniform(28 * 28, hidden, 10, DataType.FLOAT,
                    options.seed());
            double[] losses = train(network, x, y, epochs, batchSize, m);
            double accuracy = accuracy(network, xTest, yTest);
            System.out.printf("  test accuracy %.4f%n%n", accuracy);
            options.record("training_loss_momentum_" + m, losses);
            options.record("test_acc_momentum_" + m, accuracy);
        }
        return 0;
    }

    /** Section 2.4.3's loop, with the book's momentum rule; momentum 0 is plain SGD. Each epoch's mean loss. */
    private double[] train(TwoLayerNetwork network, INDArray x, INDArray y, int epochs, int batchSize,
            double momentum) {
        double[] losses = new double[epochs];
        List<INDArray> velocities = new ArrayList<>();
        for (INDArray parameter : network.parameters()) {
            velocities.add(Nd4j.zerosLike(parameter));
        }
        int samples = (int) x.rows();
        int steps = (samples + batchSize - 1) / batchSize;
        List<Integer> order = new ArrayList<>(IntStream.range(0, samples).boxed().toList());
        Random shuffles = new Random(options.seed());
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Collections.shuffle(order, shuffles);
            double lossSum = 0;
            for (int step = 0; step < steps; step++) {
                // 1. Draw a batch of training samples x and corresponding targets y
                int[] rows = order.subList(step * batchSize, Math.min(samples, (step + 1) * batchSize)).stream()
                        .mapToInt(Integer::intValue).toArray();
                INDArray batchX = Nd4j.pullRows(x, 1, rows);
                INDArray batchY = Nd4j.pullRows(y, 1, rows);
                // 2-4. Run the network on x, compute the loss, compute its gradient (backward pass)
                TwoLayerNetwork.Gradients gradients = network.gradients(batchX, batchY);
                lossSum += gradients.loss() * batchX.rows();
                // 5. Move the parameters a little in the direction opposite to the gradient:
                //    velocity = past_velocity * momentum - learning_rate * gradient
                //    w = w + momentum * velocity - learning_rate * gradient
                for (int p = 0; p < velocities.size(); p++) {
                    INDArray gradient = gradients.all().get(p);
                    INDArray velocity = velocities.get(p).muli(momentum).subi(gradient.mul(learningRate));
                    network.parameters().get(p).addi(velocity.mul(momentum)).subi(gradient.mul(learningRate));
                }
            }
            losses[epoch - 1] = lossSum / samples;
            System.out.printf("  epoch %d/%d: mean training loss %.4f%n", epoch, epochs, losses[epoch - 1]);
        }
        return losses;
    }

    /**
     * The same network in DL4J (its own {@code DenseLayer} and softmax/crossentropy {@code OutputLayer}) with
     * the same weights: the largest absolute difference between its gradients and the hand-written ones.
     */
    static double largestDifferenceFromDl4j(TwoLayerNetwork network, INDArray x, INDArray oneHotLabels) {
        MultiLayerNetwork dl4j = new MultiLayerNetwork(KerasDefaults.network(0).dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nOut(network.w1.columns()).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(network.w2.columns())
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(network.w1.rows()))
                .build());
        dl4j.init();
        dl4j.getLayer(0).setParam("W", network.w1);
        dl4j.getLayer(0).setParam("b", network.b1.reshape(1, -1));
        dl4j.getLayer(1).setParam("W", network.w2);
        dl4j.getLayer(1).setParam("b", network.b2.reshape(1, -1));
        dl4j.setInput(x);
        dl4j.setLabels(oneHotLabels);
        dl4j.computeGradientAndScore();
        Gradient expected = dl4j.gradient();

        TwoLayerNetwork.Gradients actual = network.gradients(x, oneHotLabels);
        double largest = Math.abs(actual.loss() - dl4j.score());
        String[] names = {"0_W", "0_b", "1_W", "1_b"};
        for (int p = 0; p < names.length; p++) {
            // DL4J's backward pass sums over the batch; its updater divides by the batch size later
            INDArray theirs = expected.getGradientFor(names[p]).reshape(actual.all().get(p).shape()).div(x.rows());
            largest = Math.max(largest, Transforms.abs(theirs.sub(actual.all().get(p))).maxNumber().doubleValue());
        }
        return largest;
    }

    private static INDArray pixels(INDArray images, int count) {
        return images.get(interval(0, count)).reshape(count, 28 * 28).castTo(DataType.FLOAT).divi(255);
    }

    private static double accuracy(TwoLayerNetwork network, INDArray x, INDArray labels) {
        INDArray predicted = network.predict(x).argMax(1).castTo(DataType.LONG);
        return predicted.eq(labels).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    // The command line: the settings of the runs above

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "0.1",
            description = "The SGD step size (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0.9",
            description = "Momentum of the second run (default: ${DEFAULT-VALUE}; the book's pseudo-code uses 0.1).")
    double momentum;

    @Option(names = "--hidden", paramLabel = "UNITS", defaultValue = "64",
            description = "Units of the hidden layer (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Mixin
    MnistDatasetOption dataset = new MnistDatasetOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
