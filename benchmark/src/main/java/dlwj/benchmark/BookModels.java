package dlwj.benchmark;

import dlwj.training.KerasDefaults;
import dlwj.training.layers.Dense;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The book's models as the benchmark trains them, layer for layer the architectures of the PyTorch
 * reference script (see docs/performance.md).
 */
final class BookModels {

    private BookModels() {
    }

    /** Dense layers with relu, then the output layer: {@code sizes} from input to output. */
    static MultiLayerNetwork dense(long seed, double learningRate, ILossFunction loss, Activation output,
                                   int... sizes) {
        NeuralNetConfiguration.ListBuilder list = KerasDefaults.network(seed)
                .updater(KerasDefaults.rmsprop(learningRate)).list();
        for (int i = 1; i < sizes.length - 1; i++) {
            list.layer(new Dense.Builder().nIn(sizes[i - 1]).nOut(sizes[i]).activation(Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(loss).nOut(sizes[sizes.length - 1]).activation(output).build());
        return init(list.setInputType(InputType.feedForward(sizes[0])));
    }

    /** Book 5.1: the MNIST convnet, 93,322 parameters. */
    static MultiLayerNetwork mnistConvnet(long seed) {
        return init(KerasDefaults.network(seed).list()
                .layer(conv(32))
                .layer(pool())
                .layer(conv(64))
                .layer(pool())
                .layer(conv(64))
                .layer(new Dense.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(KerasDefaults.categoricalCrossentropy()).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)));
    }

    /** Book 5.2 (listing 5.5 with listing 5.13's dropout): the dogs-vs-cats convnet on 150x150 RGB. */
    static MultiLayerNetwork catsDogsConvnet(long seed) {
        return init(KerasDefaults.network(seed).updater(KerasDefaults.rmsprop(1e-4)).list()
                .layer(conv(32)).layer(pool())
                .layer(conv(64)).layer(pool())
                .layer(conv(128)).layer(pool())
                .layer(conv(128)).layer(pool())
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(new Dense.Builder().nOut(512).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(KerasDefaults.binaryCrossentropy()).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .setInputType(InputType.convolutional(150, 150, 3)));
    }

    private static ConvolutionLayer conv(int filters) {
        return new ConvolutionLayer.Builder(3, 3).nOut(filters).activation(Activation.RELU).build();
    }

    private static SubsamplingLayer pool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    private static MultiLayerNetwork init(NeuralNetConfiguration.ListBuilder list) {
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        return network;
    }
}
