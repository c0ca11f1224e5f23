package dlwj.training;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code glorot_uniform} for a weight matrix, its fans taken from the matrix's shape as Keras takes them:
 * uniform in {@code [-limit, limit]}, {@code limit = sqrt(6 / (rows + columns))}. DL4J's {@code XAVIER_UNIFORM}
 * is the same formula on the fans the layer hands it, and DL4J M2.1's LSTM hands it (units, inputs + units) for
 * its [inputs, 4 units] kernel, a limit of {@code sqrt(6 / (inputs + 2 units))} where Keras' is
 * {@code sqrt(6 / (inputs + 4 units))}. For two-dimensional weights only (DL4J's convolution kernels are laid
 * out otherwise than Keras'; {@code XAVIER_UNIFORM} is Keras' there).
 */
public class KerasGlorotUniform implements IWeightInit {

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("KerasGlorotUniform initialises matrices; shape given: "
                    + java.util.Arrays.toString(shape));
        }
        double limit = Math.sqrt(6.0 / (shape[0] + shape[1]));
        INDArray weights = paramView.reshape(order, shape);
        Nd4j.getExecutioner().exec(new UniformDistribution(weights, -limit, limit));
        return weights;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasGlorotUniform;
    }

    @Override
    public int hashCode() {
        return KerasGlorotUniform.class.hashCode();
    }

    @Override
    public String toString() {
        return "KerasGlorotUniform()";
    }
}
