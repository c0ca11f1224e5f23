package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.keras.layers.Dense;
import dlwj.keras.layers.Flatten;
import dlwj.keras.layers.Output;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ModelSummaryTest {

    @Test
    void theBooksMnistConvnetHasKerasRowsAndTotal() {
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build())
                .layer(new Dense.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build());
        net.init();

        String summary = ModelSummary.of(net, InputType.convolutional(28, 28, 1));

        // Keras' summary of the book's listing 5.1-5.2 model
        String[] rows = {
            "conv2d_1 (Conv2D)            (None, 26, 26, 32)        320",
            "max_pooling2d_1 (MaxPooling2D)(None, 13, 13, 32)        0",
            "conv2d_2 (Conv2D)            (None, 11, 11, 64)        18,496",
            "conv2d_3 (Conv2D)            (None, 3, 3, 64)          36,928",
            "flatten_1 (Flatten)          (None, 576)               0",
            "dense_1 (Dense)              (None, 64)                36,928",
            "dense_2 (Dense)              (None, 10)                650",
            "Total params: 93,322",
            "Trainable params: 93,322",
            "Non-trainable params: 0"};
        for (String row : rows) {
            assertTrue(summary.contains(row), "'" + row + "' in\n" + summary);
        }
        assertEquals(93_322, net.numParams());
    }

    @Test
    void theOutputLayerIsKerasLastDense() {
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(1).list()
                .layer(new Dense.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new Output.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(13))
                .build());
        net.init();

        String summary = ModelSummary.of(net, InputType.feedForward(13));

        assertTrue(summary.contains("dense_2 (Dense)              (None, 1)                 65"), summary);
    }

    @Test
    void embeddingsAndRecurrentLayersHaveKerasNamesAndSequenceShapes() {
        // the book's listings 6.7 and 6.22: Embedding + Flatten + Dense, Embedding + SimpleRNN + Dense
        MultiLayerNetwork flattened = KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(1).list()
                .layer(KerasDefaults.embedding(10_000, 8).inputLength(20).build())
                .layer(new Flatten.Builder().build())
                .layer(new Output.Builder().nOut(1).activation(Activation.SIGMOID)
                        .lossFunction(KerasDefaults.binaryCrossentropy()).build())
                .setInputType(InputType.recurrent(10_000, 20))
                .build()));
        MultiLayerNetwork recurrent = KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(1).list()
                .layer(KerasDefaults.embedding(10_000, 32).build())
                .layer(new dlwj.keras.layers.SimpleRnn.Builder(32).build())
                .layer(new Output.Builder().nOut(1).activation(Activation.SIGMOID)
                        .lossFunction(KerasDefaults.binaryCrossentropy()).build())
                .setInputType(InputType.recurrent(10_000))
                .build()));

        String flattenedSummary = ModelSummary.of(flattened, InputType.recurrent(10_000, 20));
        String recurrentSummary = ModelSummary.of(recurrent, InputType.recurrent(10_000));

        for (String row : new String[] {
            "embedding_1 (Embedding)      (None, 20, 8)             80,000",
            "flatten_1 (Flatten)          (None, 160)               0",
            "dense_1 (Dense)              (None, 1)                 161",
            "Total params: 80,161"}) {
            assertTrue(flattenedSummary.contains(row), "'" + row + "' in\n" + flattenedSummary);
        }
        for (String row : new String[] {
            "embedding_1 (Embedding)      (None, None, 32)          320,000",
            "simple_rnn_1 (SimpleRNN)     (None, 32)                2,080",
            "Total params: 322,113"}) {
            assertTrue(recurrentSummary.contains(row), "'" + row + "' in\n" + recurrentSummary);
        }
    }

    @Test
    void aFunctionalChainPrintsAsASequentialModelWithItsInputLayer() {
        ComputationGraph model = new ComputationGraph(KerasDefaults.network(1).graphBuilder()
                .addInputs("input_1")
                .addLayer("dense_1", new Dense.Builder().nOut(32).activation(Activation.RELU).build(), "input_1")
                .addLayer("dense_2", new Output.Builder(KerasDefaults.categoricalCrossentropy()).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "dense_1")
                .setOutputs("dense_2")
                .setInputTypes(InputType.feedForward(64))
                .build());
        model.init();

        assertEquals("""
                _________________________________________________________________
                Layer (type)                 Output Shape              Param #
                =================================================================
                input_1 (InputLayer)         (None, 64)                0
                dense_1 (Dense)              (None, 32)                2,080
                dense_2 (Dense)              (None, 10)                330
                =================================================================
                Total params: 2,410
                Trainable params: 2,410
                Non-trainable params: 0
                _________________________________________________________________
                """, ModelSummary.of(model, InputType.feedForward(64)));
    }

    @Test
    void aGraphWithBranchesSaysWhatEachLayerIsConnectedTo() {
        ComputationGraph model = new ComputationGraph(KerasDefaults.network(1).graphBuilder()
                .addInputs("text", "question")
                .addVertex("concatenate_1", new MergeVertex(), "text", "question")
                .addLayer("answer", new Output.Builder(KerasDefaults.categoricalCrossentropy()).nOut(5)
                        .activation(Activation.SOFTMAX).build(), "concatenate_1")
                .setOutputs("answer")
                .setInputTypes(InputType.feedForward(3), InputType.feedForward(2))
                .build());
        model.init();

        String summary = ModelSummary.of(model, InputType.feedForward(3), InputType.feedForward(2));

        assertTrue(summary.contains("\nquestion (InputLayer)        (None, 2)                 0          \n"), summary);
        assertTrue(summary.contains("\nconcatenate_1 (Concatenate)  (None, 5)                 0          "
                + "text[0][0], question[0][0]\n"), summary);
        assertTrue(summary.contains("\nanswer (Dense)               (None, 5)                 30         "
                + "concatenate_1[0][0]\n"), summary);
        assertTrue(summary.startsWith("_".repeat(98) + "\n"), summary);
    }
}
