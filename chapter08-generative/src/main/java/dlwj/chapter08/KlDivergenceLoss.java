package dlwj.chapter08;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The VAE's regularisation loss of listing 8.26, {@code -5e-4 * K.mean(1 + z_log_var - K.square(z_mean) -
 * K.exp(z_log_var), axis=-1)}: the Kullback-Leibler divergence of the latent distribution from the standard normal,
 * scaled by {@code weight}, for each sample (no masks). Its input is {@code [z_mean, z_log_var]} side by side (a {@code
 * MergeVertex} of the two); it has no targets, so the labels it is handed are ignored.
 *
 * <p>Keras adds this term with {@code add_loss}; DL4J sums its output layers' losses, so here it is the loss of a
 * second output, a {@code LossLayer} on the two vectors, and the model's loss is the reconstruction's plus this.
 */
public final class KlDivergenceLoss implements ILossFunction {

    private final double weight;

    @JsonCreator
    public KlDivergenceLoss(@JsonProperty("weight") double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("The KL loss' weight must be finite and not negative, got " + weight);
        }
        this.weight = weight;
    }

    @JsonProperty("weight")
    public double weight() {
        return weight;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        long latent = latentSize(output, mask);
        INDArray mean = output.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent));
        INDArray logVar = output.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent));
        INDArray terms = logVar.add(1).subi(mean.mul(mean)).subi(Transforms.exp(logVar, true));
        return terms.mean(true, 1).muli(-weight);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    /**
     * {@code d/dz_mean = 2 weight z_mean / latent}, {@code d/dz_log_var = weight (exp(z_log_var) - 1) / latent},
     * then through the activation.
     */
    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        long latent = latentSize(output, mask);
        INDArray gradient = output.ulike();
        INDArray mean = output.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent));
        INDArray logVar = output.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent));
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)).assign(mean.mul(2 * weight / latent));
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent))
                .assign(Transforms.exp(logVar, true).subi(1).muli(weight / latent));
        return activationFn.backprop(preOutput.dup(), gradient).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    private static long latentSize(INDArray output, INDArray mask) {
        if (mask != null) {
            throw new IllegalArgumentException("The KL loss scores whole samples; it takes no mask");
        }
        if (output.rank() != 2 || output.size(1) % 2 != 0) {
            throw new IllegalArgumentException("The KL loss takes [z_mean, z_log_var] side by side, an even number of "
                    + "columns; got shape " + java.util.Arrays.toString(output.shape()));
        }
        return output.size(1) / 2;
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "KlDivergenceLoss(weight=" + weight + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KlDivergenceLoss that && weight == that.weight;
    }

    @Override
    public int hashCode() {
        return Objects.hash(weight);
    }
}
