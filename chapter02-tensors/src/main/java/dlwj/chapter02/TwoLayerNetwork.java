package dlwj.chapter02;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Section 2.4's network written out by hand on plain ND4J arrays: {@code Dense(hidden, relu)} then
 * {@code Dense(classes, softmax)} with categorical crossentropy, its forward pass and its backward pass by
 * the chain rule. The parameters are Keras' layout: kernels of shape (inputs, units), bias vectors.
 */
final class TwoLayerNetwork {

    final INDArray w1;
    final INDArray b1;
    final INDArray w2;
    final INDArray b2;

    TwoLayerNetwork(INDArray w1, INDArray b1, INDArray w2, INDArray b2) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    /** Keras' initialisation: {@code glorot_uniform} kernels, zero biases. */
    static TwoLayerNetwork glorotUniform(int inputs, int hidden, int classes, DataType type, long seed) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        return new TwoLayerNetwork(glorotUniform(inputs, hidden, type, random), Nd4j.zeros(type, hidden),
                glorotUniform(hidden, classes, type, random), Nd4j.zeros(type, classes));
    }

    private static INDArray glorotUniform(int fanIn, int fanOut, DataType type, Random random) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        INDArray kernel = Nd4j.createUninitialized(type, fanIn, fanOut);
        return Nd4j.getExecutioner().exec(new UniformDistribution(kernel, -limit, limit), random);
    }

    /** The weights and biases, in the order of {@link Gradients#all()}. */
    List<INDArray> parameters() {
        return List.of(w1, b1, w2, b2);
    }

    /** The class probabilities for a batch of inputs: {@code softmax(relu(x . w1 + b1) . w2 + b2)}. */
    INDArray predict(INDArray x) {
        INDArray hidden = Transforms.relu(x.mmul(w1).addiRowVector(b1), false);
        return Transforms.softmax(hidden.mmul(w2).addiRowVector(b2), false);
    }

    /** One forward and one backward pass on a batch: the mean crossentropy and its gradient. */
    Gradients gradients(INDArray x, INDArray oneHotLabels) {
        // Forward pass, keeping what the backward pass needs
        INDArray preActivation = x.mmul(w1).addiRowVector(b1);
        INDArray hidden = Transforms.relu(preActivation, true);
        INDArray probabilities = Transforms.softmax(hidden.mmul(w2).addiRowVector(b2), false);
        long batch = x.rows();
        double loss = -Transforms.log(probabilities, true).muli(oneHotLabels).sumNumber().doubleValue() / batch;

        // Backward pass, the chain rule from the loss down: softmax and crossentropy together give
        // d loss / d logits = (p - y) / batch
        INDArray dLogits = probabilities.sub(oneHotLabels).divi(batch);
        INDArray dW2 = hidden.transpose().mmul(dLogits);
        INDArray dB2 = dLogits.sum(0);
        INDArray dHidden = dLogits.mmul(w2.transpose());
        INDArray dPreActivation = dHidden.muli(preActivation.gt(0).castTo(dHidden.dataType()));
        INDArray dW1 = x.transpose().mmul(dPreActivation);
        INDArray dB1 = dPreActivation.sum(0);
        return new Gradients(dW1, dB1, dW2, dB2, loss);
    }

    /** The gradient of the loss with respect to each parameter, and the loss itself. */
    record Gradients(INDArray w1, INDArray b1, INDArray w2, INDArray b2, double loss) {
        List<INDArray> all() {
            return List.of(w1, b1, w2, b2);
        }
    }
}
