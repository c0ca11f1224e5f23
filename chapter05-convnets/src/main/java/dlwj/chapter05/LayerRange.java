package dlwj.chapter05;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Consecutive layers of a trained network, with their weights, as a network of their own. DL4J gives
 * gradients only with respect to a network's input, so section 5.4's gradients (of a filter's activation
 * with respect to the picture, of a class score with respect to a hidden layer's output) come from such a
 * piece, back-propagated from its output.
 */
final class LayerRange {

    private LayerRange() {
    }

    /**
     * Layers {@code from} to {@code to} (inclusive) of {@code network} for inputs of {@code input}: dropout
     * left out, an output layer's activation left off (its output is the class scores).
     */
    static MultiLayerNetwork of(MultiLayerNetwork network, int from, int to, InputType input) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list();
        List<Integer> kept = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            if (layer instanceof BaseOutputLayer output) {
                list.layer(new DenseLayer.Builder().nIn(output.getNIn()).nOut(output.getNOut())
                        .activation(Activation.IDENTITY).build());
                kept.add(i);
            } else if (!(layer instanceof DropoutLayer)) {
                list.layer(layer.clone());
                kept.add(i);
            }
        }
        MultiLayerNetwork piece = new MultiLayerNetwork(list.setInputType(input).build());
        piece.init();
        for (int j = 0; j < kept.size(); j++) {
            if (piece.getLayer(j).numParams() > 0) {
                piece.getLayer(j).setParams(network.getLayer(kept.get(j)).params().dup());
            }
        }
        return piece;
    }

    /**
     * The gradient with respect to {@code input} of a function of the piece's output, given that function's
     * gradient with respect to the output ({@code outputGradient} receives the output, returns the gradient).
     */
    static INDArray inputGradient(MultiLayerNetwork piece, INDArray input, UnaryOperator<INDArray> outputGradient) {
        piece.setInput(input);
        INDArray output = piece.feedForward(true, false).get(piece.getnLayers()); // keep the inputs for backprop
        return piece.backpropGradient(outputGradient.apply(output), LayerWorkspaceMgr.noWorkspaces()).getSecond().dup();
    }
}
