package dlwj.training;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * One output's loss scaled by its weight in the model's total, as Keras' {@code compile(loss_weights=...)}: the
 * total loss is the weighted sum of the outputs' losses, so each output's gradient is scaled by its weight. DL4J
 * sums its output layers' losses unweighted and has no such setting (its losses' own weights weigh the columns of
 * one output); wrapping the output layer's loss does it. The trainer still reports the unweighted loss of each
 * output ({@code age_loss}), as Keras does.
 */
public final class WeightedLoss implements ILossFunction {

    private final ILossFunction loss;
    private final double weight;

    @JsonCreator
    public WeightedLoss(@JsonProperty("loss") ILossFunction loss, @JsonProperty("weight") double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("A loss weight must be finite and not negative, got " + weight);
        }
        this.loss = Objects.requireNonNull(loss, "loss");
        this.weight = weight;
    }

    /** The loss that is weighted. */
    @JsonProperty("loss")
    public ILossFunction loss() {
        return loss;
    }

    @JsonProperty("weight")
    public double weight() {
        return weight;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return weight * loss.computeScore(labels, preOutput, activationFn, mask, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeScoreArray(labels, preOutput, activationFn, mask).muli(weight);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeGradient(labels, preOutput, activationFn, mask).muli(weight);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return weight + " x " + loss;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WeightedLoss that && weight == that.weight && loss.equals(that.loss);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loss, weight);
    }
}
