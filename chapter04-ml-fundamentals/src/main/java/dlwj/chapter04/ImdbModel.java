package dlwj.chapter04;

import dlwj.chapter03.ImdbVectors;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The shape of chapter 3's IMDB network as chapter 4 varies it: {@code hiddenLayers} {@code Dense(units,
 * relu)} layers with kernel regularisers and optionally {@code Dropout(0.5)} after each, then
 * {@code Dense(1, sigmoid)}; RMSprop and binary crossentropy. No hidden layer is logistic regression.
 */
record ImdbModel(String name, int hiddenLayers, int units, List<Regularization> regularization, boolean dropout) {

    /** {@code hiddenLayers} {@code Dense(units, relu)} layers, nothing else, named {@code name} in the output. */
    static ImdbModel dense(String name, int hiddenLayers, int units) {
        return new ImdbModel(name, hiddenLayers, units, List.of(), false);
    }

    /** The same with {@code kernel_regularizer=regularizers} on each hidden layer (listings 4.6 and 4.7). */
    ImdbModel kernelRegularizer(Regularization... regularizers) {
        return new ImdbModel(name, hiddenLayers, units, List.of(regularizers), dropout);
    }

    /** The same with {@code Dropout(0.5)} after each hidden layer (listing 4.8). */
    ImdbModel withDropout() {
        return new ImdbModel(name, hiddenLayers, units, regularization, true);
    }

    MultiLayerNetwork build(LayerChoice choice, long seed) {
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.network(seed).list();
        for (int i = 0; i < hiddenLayers; i++) {
            layers.layer(choice.dense(units, Activation.RELU, regularization));
            if (dropout) {
                // Keras' Dropout(0.5) drops half the units; DL4J's argument is the probability of keeping one
                layers.layer(new DropoutLayer.Builder(0.5).build());
            }
        }
        layers.layer(choice.output(1, Activation.SIGMOID, KerasDefaults.binaryCrossentropy()));
        return choice.initialise(new MultiLayerNetwork(
                layers.setInputType(InputType.feedForward(ImdbVectors.NUM_WORDS)).build()));
    }
}
