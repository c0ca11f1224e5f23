package dlwj.training;

import dlwj.keras.layers.Output;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * A batch's inference-mode loss at one output, computed from the network's predictions, with the definition of
 * DL4J's {@code score(batch, false)}: the output layer's loss summed over the samples, divided by their number.
 * Keras computes {@code val_loss} and the metrics from one forward pass; asking DL4J for its score and its output
 * would take two. The model's loss is the sum of its outputs' losses, each times its {@link #weight()}, plus the
 * network's regularisation penalty.
 *
 * <p>The output layer's own loss function does the computing, handed the predictions with an identity
 * activation, which is exact where its activation is deterministic and the loss treats it as any other: any loss
 * on an identity activation (the predictions are then what the loss sees), and the cross-entropies (on sigmoid for
 * binary, on softmax for categorical, whose clipping at the loss' epsilon is applied here, as DL4J applies it to
 * softmax outputs only), MSE and MAE, each possibly in a {@link WeightedLoss}. The output layer is an
 * {@code OutputLayer} (or this project's {@code Output}) or a {@code LossLayer}, which has no parameters. For any
 * other output layer, loss or activation {@link #of} gives none, and the trainer asks DL4J for the score.
 */
final class OutputLoss {

    private static final Set<Class<? extends ILossFunction>> LOSSES = Set.of(LossBinaryXENT.class,
            KerasBinaryCrossentropy.class, LossMCXENT.class, KerasCategoricalCrossentropy.class, LossSparseMCXENT.class,
            LossMSE.class, LossMAE.class);
    private static final Set<Class<? extends IActivation>> ACTIVATIONS = Set.of(ActivationIdentity.class,
            ActivationSigmoid.class, ActivationSoftmax.class);
    private static final IActivation AS_THEY_ARE = new ActivationIdentity();

    private final ILossFunction loss;
    private final double weight;
    private final double softmaxClip;
    private final boolean perSample;

    private OutputLoss(ILossFunction loss, double weight, double softmaxClip, boolean perSample) {
        this.loss = loss;
        this.weight = weight;
        this.softmaxClip = softmaxClip;
        this.perSample = perSample;
    }

    /** The loss of {@code outputLayer}, if it can be computed from the predictions exactly. */
    static Optional<OutputLoss> of(Layer outputLayer) {
        NeuralNetConfiguration conf = outputLayer.conf();
        ILossFunction loss;
        if (conf.getLayer() instanceof OutputLayer layer
                && (layer.getClass() == OutputLayer.class || layer.getClass() == Output.class)) {
            loss = layer.getLossFn();
        } else if (conf.getLayer() instanceof LossLayer layer && layer.getClass() == LossLayer.class) {
            loss = layer.getLossFn();
        } else {
            return Optional.empty();
        }
        IActivation activation = ((BaseLayer) conf.getLayer()).getActivationFn();
        double weight = 1;
        if (loss instanceof WeightedLoss weighted) {
            loss = weighted.loss();
            weight = weighted.weight();
        }
        boolean asPredicted = activation instanceof ActivationIdentity;
        if (!asPredicted && (!LOSSES.contains(loss.getClass()) || !ACTIVATIONS.contains(activation.getClass())
                || loss instanceof LossBinaryXENT && activation instanceof ActivationSoftmax)) {
            return Optional.empty(); // binary cross-entropy on softmax is computed from the logits, unclipped
        }
        double softmaxClip = loss instanceof LossMCXENT mcxent && activation instanceof ActivationSoftmax
                ? mcxent.getSoftmaxClipEps() : 0;
        return Optional.of(new OutputLoss(loss, weight, softmaxClip, conf.isMiniBatch()));
    }

    /** The output's weight in the model's loss (Keras' {@code loss_weights}; 1 unless a {@link WeightedLoss}). */
    double weight() {
        return weight;
    }

    /** The unweighted loss of a batch whose (unmasked) predictions are {@code predictions}, without regularisation. */
    double of(INDArray predictions, INDArray labels) {
        INDArray probabilities = predictions;
        if (softmaxClip > 0) {
            probabilities = predictions.dup();
            BooleanIndexing.replaceWhere(probabilities, softmaxClip, Conditions.lessThan(softmaxClip));
            BooleanIndexing.replaceWhere(probabilities, 1.0 - softmaxClip, Conditions.greaterThan(1.0 - softmaxClip));
        }
        double sum = loss.computeScore(labels, probabilities, AS_THEY_ARE, null, false);
        return perSample ? sum / predictions.size(0) : sum;
    }
}
