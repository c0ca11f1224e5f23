package dlwj.chapter07;

import dlwj.training.Labels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The dummy Numpy data of section 7.1's listings, from ND4J's random generator (seed it first). */
final class RandomData {

    private RandomData() {
    }

    /** {@code np.random.randint(low, high, size=shape)}: integers uniform in [low, high), as float32. */
    static INDArray randint(int low, int high, long... shape) {
        return Transforms.floor(Nd4j.rand(DataType.FLOAT, shape).muli(high - low).addi(low), false);
    }

    /** {@code to_categorical(np.random.randint(0, classes, size=samples))}: one random class a sample, one-hot. */
    static INDArray oneHot(int samples, int classes) {
        return Labels.toCategorical(randint(0, classes, samples), classes);
    }
}
