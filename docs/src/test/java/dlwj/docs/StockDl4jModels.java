package dlwj.docs;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Two of the book's models written with DL4J's stock layers only, as docs/stock-dl4j.md shows them: code a
 * reader can copy into a project that depends on DL4J alone. The page shows the lines between the
 * {@code // listing} and {@code // end} markers; {@code StockDl4jModelsTest} checks it shows them as they are.
 */
final class StockDl4jModels {

    private StockDl4jModels() {
    }

    static MultiLayerNetwork mnistFirstNetwork(long seed) {
        // listing 2.3: Dense(512, relu) on 28 * 28 pixels, Dense(10, softmax); rmsprop, categorical cross-entropy
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER_UNIFORM) // Keras' glorot_uniform
                .biasInit(0)
                .updater(new RmsProp(0.001, 0.9, 1e-8)) // Keras 2.0.8's lr, rho and epsilon
                .list()
                .layer(new DenseLayer.Builder().nOut(512).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(28 * 28))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        // end
        return network;
    }

    static MultiLayerNetwork imdbLstm(long seed) {
        // listing 6.27: Embedding(10000, 32), LSTM(32), Dense(1, sigmoid); rmsprop, binary cross-entropy
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0)
                .updater(new RmsProp(0.001, 0.9, 1e-8))
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(10_000).nOut(32)
                        .activation(Activation.IDENTITY).hasBias(false).outputDataFormat(RNNFormat.NCW).build())
                .layer(new LastTimeStep(new LSTM.Builder().nOut(32).activation(Activation.TANH)
                        .gateActivationFunction(Activation.HARDSIGMOID).forgetGateBiasInit(1).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .setInputType(InputType.recurrent(10_000))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        // end
        return network;
    }
}
