package dlwj.chapter08;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Listings 8.17-8.21: the loss that neural style transfer minimises over the generated picture, and its gradient
 * with respect to that picture. The content loss keeps VGG19's {@code block5_conv2} activations close to the
 * target picture's; the style loss keeps the Gram matrices (the correlations between a layer's channels) of
 * {@code block1_conv1} ... {@code block5_conv1} close to the style reference's; the total variation loss keeps
 * neighbouring pixels close. All three with the notebook's weights and normalisations, computed on the
 * preprocessed pictures {@code [1, 3, height, width]} as the notebook computes them.
 *
 * <p>The target's and the style reference's activations don't change, so they are computed once here, where the
 * notebook passes them through VGG19 in a batch of three at every step: the same values, a third of the work.
 */
final class StyleTransferLoss {

    static final String CONTENT_LAYER = "block5_conv2";
    static final List<String> STYLE_LAYERS = List.of("block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1",
            "block5_conv1");
    static final double TOTAL_VARIATION_WEIGHT = 1e-4;
    static final double STYLE_WEIGHT = 1.0;
    static final double CONTENT_WEIGHT = 0.025;

    /** The loss at a picture, and its gradient with respect to the picture. */
    record ValueAndGradient(double value, INDArray gradient) {
    }

    private final GraphInputGradient network;
    private final String contentLayer;
    private final List<String> styleLayers;
    private final INDArray targetFeatures;
    private final Map<String, INDArray> styleGrams = new HashMap<>();
    private final double styleNormalisation;

    /** The loss for pictures as large as {@code target}, which the style reference must match in size. */
    StyleTransferLoss(MultiLayerNetwork vgg19, INDArray target, INDArray styleReference) {
        // the network as a graph, whose vertices are named by the layers' indices
        this.network = new GraphInputGradient(vgg19.toComputationGraph());
        this.contentLayer = vertexOf(vgg19, CONTENT_LAYER);
        this.styleLayers = STYLE_LAYERS.stream().map(name -> vertexOf(vgg19, name)).toList();
        this.targetFeatures = activations(target).get(contentLayer);
        Map<String, INDArray> style = activations(styleReference);
        styleLayers.forEach(layer -> styleGrams.put(layer, gram(style.get(layer))));
        // The notebook's style_loss: / (4 * channels^2 * size^2), with its channels = 3 and size = the picture's pixels
        double size = (double) target.size(2) * target.size(3);
        this.styleNormalisation = 4.0 * 9 * size * size;
    }

    /** Listing 8.21's {@code fetch_loss_and_grads}: the loss at {@code combination} and its gradient. */
    ValueAndGradient evaluate(INDArray combination) {
        Map<String, INDArray> outputs = activations(combination);
        Map<String, INDArray> outputGradients = new HashMap<>();

        // Listing 8.17, the content loss: sum((combination - base)^2)
        INDArray contentDifference = outputs.get(contentLayer).sub(targetFeatures);
        double loss = CONTENT_WEIGHT * sumOfSquares(contentDifference);
        outputGradients.put(contentLayer, contentDifference.mul(2 * CONTENT_WEIGHT));

        // Listing 8.18, the style loss of each style layer, weighted 1/5 each
        double styleLayerWeight = STYLE_WEIGHT / STYLE_LAYERS.size();
        for (String layer : styleLayers) {
            INDArray features = channelsByPixels(outputs.get(layer));
            INDArray difference = styleGrams.get(layer).sub(features.mmul(features.transpose()));
            loss += styleLayerWeight * sumOfSquares(difference) / styleNormalisation;
            // d/dF of sum((S - F F^T)^2) = -4 (S - F F^T) F, S - F F^T being symmetric
            INDArray gradient = difference.mmul(features).muli(-4 * styleLayerWeight / styleNormalisation);
            outputGradients.put(layer, gradient.reshape(outputs.get(layer).shape()));
        }

        INDArray gradient = network.inputGradient(outputGradients);

        // Listing 8.19, the total variation loss, on the picture itself
        loss += TOTAL_VARIATION_WEIGHT * totalVariation(combination, gradient, TOTAL_VARIATION_WEIGHT);
        return new ValueAndGradient(loss, gradient);
    }

    /**
     * The notebook's {@code total_variation_loss}: the sum over the pixels but the last row and column of
     * {@code (a + b)^1.25}, {@code a} and {@code b} the squared differences to the pixel below and to the right;
     * its gradient times {@code weight} is added to {@code gradient}.
     */
    static double totalVariation(INDArray x, INDArray gradient, double weight) {
        long height = x.size(2);
        long width = x.size(3);
        INDArray pixel = x.get(all(), all(), interval(0, height - 1), interval(0, width - 1));
        INDArray down = pixel.sub(x.get(all(), all(), interval(1, height), interval(0, width - 1)));
        INDArray right = pixel.sub(x.get(all(), all(), interval(0, height - 1), interval(1, width)));
        INDArray sum = down.mul(down).addi(right.mul(right));
        double loss = Transforms.pow(sum, 1.25, true).sumNumber().doubleValue();
        // d (a + b)^1.25 = 1.25 (a + b)^0.25 (2 down d(down) + 2 right d(right))
        INDArray factor = Transforms.pow(sum, 0.25, true).muli(2.5 * weight);
        INDArray byDown = down.muli(factor);
        INDArray byRight = right.muli(factor);
        gradient.get(all(), all(), interval(0, height - 1), interval(0, width - 1)).addi(byDown).addi(byRight);
        gradient.get(all(), all(), interval(1, height), interval(0, width - 1)).subi(byDown);
        gradient.get(all(), all(), interval(0, height - 1), interval(1, width)).subi(byRight);
        return loss;
    }

    private static double sumOfSquares(INDArray x) {
        double norm = x.norm2Number().doubleValue();
        return norm * norm;
    }

    /** The notebook's {@code gram_matrix}: the channels' features flattened, times their transpose. */
    static INDArray gram(INDArray activations) {
        INDArray features = channelsByPixels(activations);
        return features.mmul(features.transpose());
    }

    /** {@code [1, channels, height, width]} as {@code [channels, height * width]}. */
    private static INDArray channelsByPixels(INDArray activations) {
        return activations.reshape('c', activations.size(1), activations.size(2) * activations.size(3));
    }

    /** The content and style layers' outputs for {@code picture}, by vertex. */
    private Map<String, INDArray> activations(INDArray picture) {
        List<String> wanted = new ArrayList<>(styleLayers);
        wanted.add(contentLayer);
        return network.activations(picture, wanted);
    }

    /** The graph vertex of VGG19's layer {@code name}. */
    private static String vertexOf(MultiLayerNetwork vgg19, String name) {
        for (int i = 0; i < vgg19.getnLayers(); i++) {
            if (name.equals(vgg19.getLayer(i).conf().getLayer().getLayerName())) {
                return String.valueOf(i);
            }
        }
        throw new IllegalArgumentException("The network has no layer " + name + ": not VGG19's convolutional base");
    }
}
