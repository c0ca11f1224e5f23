package dlwj.chapter08;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Listings 8.9-8.11: the quantity DeepDream maximises, the L2 norm of the activations of InceptionV3's {@code mixed2}
 * to {@code mixed5} weighted 0.2, 3, 2 and 1.5, each without a border of 2 pixels (against border artefacts) and
 * divided by the activation's size; and its gradient with respect to the picture, divided by its mean absolute value.
 */
final class DeepDreamLoss {

    static final Map<String, Double> LAYER_CONTRIBUTIONS = new LinkedHashMap<>();

    static {
        LAYER_CONTRIBUTIONS.put("mixed2", 0.2);
        LAYER_CONTRIBUTIONS.put("mixed3", 3.0);
        LAYER_CONTRIBUTIONS.put("mixed4", 2.0);
        LAYER_CONTRIBUTIONS.put("mixed5", 1.5);
    }

    /** The loss at a picture, and its normalised gradient with respect to the picture. */
    record ValueAndGradient(double value, INDArray gradient) {
    }

    private final GraphInputGradient network;

    DeepDreamLoss(ComputationGraph inceptionV3) {
        this.network = new GraphInputGradient(inceptionV3);
    }

    /** Listing 8.11's {@code eval_loss_and_grads}. */
    ValueAndGradient evaluate(INDArray picture) {
        Map<String, INDArray> activations = network.activations(picture, LAYER_CONTRIBUTIONS.keySet());
        double loss = 0;
        Map<String, INDArray> outputGradients = new HashMap<>();
        for (Map.Entry<String, Double> contribution : LAYER_CONTRIBUTIONS.entrySet()) {
            INDArray activation = activations.get(contribution.getKey());
            double scaling = activation.length();
            INDArray gradient = Nd4j.zerosLike(activation);
            if (activation.size(2) > 4 && activation.size(3) > 4) { // activation[:, 2: -2, 2: -2, :], channels first
                INDArrayIndex[] inner = {all(), all(), interval(2, activation.size(2) - 2),
                        interval(2, activation.size(3) - 2)};
                INDArray kept = activation.get(inner);
                double norm = kept.norm2Number().doubleValue();
                loss += contribution.getValue() * norm * norm / scaling;
                gradient.get(inner).assign(kept.mul(2 * contribution.getValue() / scaling));
            }
            outputGradients.put(contribution.getKey(), gradient);
        }
        INDArray gradient = network.inputGradient(outputGradients);
        // Normalize gradients: grads /= K.maximum(K.mean(K.abs(grads)), 1e-7)
        gradient.divi(Math.max(Transforms.abs(gradient, true).meanNumber().doubleValue(), 1e-7));
        return new ValueAndGradient(loss, gradient);
    }
}
