package dlwj.chapter08;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The VAE's sampling step of listing 8.24, {@code Lambda(sampling)([z_mean, z_log_var])}: a latent point
 * {@code z = z_mean + exp(z_log_var) * epsilon}, {@code epsilon} drawn from the standard normal distribution for
 * each sample, in training and in inference alike (Keras' {@code Lambda} has no learning phase). This is the book's
 * formula: {@code z_log_var} scales as a log standard deviation here, where the usual reparameterisation is {@code
 * exp(z_log_var / 2)}; the KL term ({@link KlDivergenceLoss}) treats it as a log variance, as the book does.
 *
 * <p>DL4J has no such vertex (its {@code VariationalAutoencoder} layer is dense only, with its own loss), so this is
 * one: the configuration here, the computation in {@link LatentSamplingImpl}. Its inputs are the two {@code
 * Dense(latent_dim)} outputs, in that order.
 */
public class LatentSampling extends GraphVertex {

    @Override
    public LatentSampling clone() {
        return new LatentSampling();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LatentSampling;
    }

    @Override
    public int hashCode() {
        return LatentSampling.class.hashCode();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int index,
                                                                      INDArray paramsView, boolean initializeParams,
                                                                      DataType dataType) {
        return new LatentSamplingImpl(graph, name, index, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) {
        if (inputs.length != 2 || !(inputs[0] instanceof InputType.InputTypeFeedForward mean)
                || !(inputs[1] instanceof InputType.InputTypeFeedForward logVar)
                || mean.getSize() != logVar.getSize()) {
            throw new IllegalArgumentException("The sampling takes z_mean and z_log_var, two vectors of one size; got "
                    + java.util.Arrays.toString(inputs));
        }
        return mean;
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputs) {
        InputType output = getOutputType(-1, inputs);
        return new LayerMemoryReport.Builder(null, LatentSampling.class, inputs[0], output).standardMemory(0, 0)
                .workingMemory(0, output.arrayElementsPerExample(), 0, 0).cacheMemory(0, 0).build();
    }
}
