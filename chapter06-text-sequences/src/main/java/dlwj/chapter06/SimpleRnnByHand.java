package dlwj.chapter06;

import static dlwj.training.NumpyNames.shape;

import dlwj.cli.Examples;
import dlwj.keras.layers.SimpleRnn;
import dlwj.training.KerasDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Book section 6.2, "Understanding recurrent neural networks" (listings 6.19-6.21): the forward pass of a
 * simple RNN written step by step as the book writes it in numpy, over 100 steps of 32 random input features
 * into 64 output features, then the same loop beside the companion's {@code SimpleRnn} layer, Keras'
 * {@code SimpleRNN}, with the same weights, to show that the layer computes exactly this loop.
 */
@Command(name = "SimpleRnnByHand", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 6.2: a simple RNN's forward pass step by step, checked against the SimpleRNN layer.")
public final class SimpleRnnByHand implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new SimpleRnnByHand(), args);
    }

    @Override
    public Integer call() {
        Nd4j.getRandom().setSeed(seed);
        // Listing 6.21: NumPy implementation of a simple RNN
        int timesteps = 100; // number of timesteps in the input sequence
        int inputFeatures = 32; // dimensionality of the input feature space
        int outputFeatures = 64; // dimensionality of the output feature space
        INDArray inputs = Nd4j.rand(DataType.DOUBLE, timesteps, inputFeatures); // random noise as the input
        INDArray w = Nd4j.rand(DataType.DOUBLE, outputFeatures, inputFeatures); // random weight matrices
        INDArray u = Nd4j.rand(DataType.DOUBLE, outputFeatures, outputFeatures);
        INDArray b = Nd4j.rand(DataType.DOUBLE, outputFeatures);
        INDArray finalOutputSequence = simpleRnn(inputs, w, u, b);
        System.out.println("final_output_sequence: shape " + shape(finalOutputSequence.shape()));
        System.out.printf("outputs within 0.001 of 1: %d of %d (the book's weights, all positive, saturate tanh)%n",
                finalOutputSequence.gt(0.999).castTo(DataType.INT).sumNumber().intValue(),
                timesteps * outputFeatures);

        // The same computation in the SimpleRnn layer, Keras' SimpleRNN, with weights small enough not to saturate
        INDArray smallW = w.sub(0.5).mul(0.2);
        INDArray smallU = u.sub(0.5).mul(0.2);
        INDArray smallB = b.sub(0.5).mul(0.2);
        INDArray byHand = simpleRnn(inputs, smallW, smallU, smallB);
        INDArray byLayer = simpleRnnLayer(inputs, smallW, smallU, smallB);
        double difference = Transforms.abs(byLayer.sub(byHand)).maxNumber().doubleValue();
        System.out.printf("The SimpleRNN layer, weights uniform in [-0.1, 0.1): outputs from %.3f to %.3f, largest "
                        + "difference from the loop %.1e over all %d%n", byHand.minNumber().doubleValue(),
                byHand.maxNumber().doubleValue(), difference, timesteps * outputFeatures);
        return difference < 1e-9 ? 0 : 1;
    }

    /**
     * Listing 6.21's loop: {@code output_t = tanh(W . input_t + U . state_t + b)} for each step of {@code inputs}
     * ({@code [timesteps, input_features]}) from an all-zero state, each output the next step's state. Returns
     * the outputs as {@code [timesteps, output_features]}, numpy's {@code np.stack(successive_outputs)} (the
     * book's {@code np.concatenate(successive_outputs, axis=0)} would give a flat vector).
     */
    static INDArray simpleRnn(INDArray inputs, INDArray w, INDArray u, INDArray b) {
        INDArray stateT = Nd4j.zeros(inputs.dataType(), w.rows()); // initial state: an all-zero vector
        List<INDArray> successiveOutputs = new ArrayList<>();
        for (int t = 0; t < inputs.rows(); t++) { // for input_t in inputs
            INDArray inputT = inputs.getRow(t);
            // combines the input with the current state (the previous output) to obtain the current output
            INDArray outputT = Transforms.tanh(w.mmul(inputT).add(u.mmul(stateT)).add(b));
            successiveOutputs.add(outputT); // stores this output in a list
            stateT = outputT; // updates the state of the network for the next timestep
        }
        return Nd4j.vstack(successiveOutputs.toArray(INDArray[]::new));
    }

    /** The outputs of Keras' SimpleRNN layer given W^T as its kernel, U^T as its recurrent kernel and b. */
    private INDArray simpleRnnLayer(INDArray inputs, INDArray w, INDArray u, INDArray b) {
        int outputFeatures = (int) w.rows();
        MultiLayerNetwork network = new MultiLayerNetwork(KerasDefaults.network(seed).dataType(DataType.DOUBLE)
                .list()
                .layer(new SimpleRnn.Builder(outputFeatures).returnSequences(true).build())
                .setInputType(InputType.recurrent(w.columns()))
                .build());
        network.init();
        network.getLayer(0).setParam("W", w.transpose());
        network.getLayer(0).setParam("RW", u.transpose());
        network.getLayer(0).setParam("b", b.reshape(1, outputFeatures));
        // DL4J's sequences are [batch, features, steps]: one sequence, its steps as columns
        return network.output(inputs.transpose().reshape(1, w.columns(), inputs.rows()))
                .reshape(outputFeatures, inputs.rows()).transpose();
    }

    // The command line

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the random inputs and weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "Taken as every example takes it: this one is a second's work already.")
    boolean quick;
}
