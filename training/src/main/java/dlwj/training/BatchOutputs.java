package dlwj.training;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Captures each training batch's predictions from the training step's own forward pass, before the
 * update, as Keras computes its training metrics (and, for a model of several outputs, each output's loss):
 * DL4J hands the listener the input of each output layer, and applying that one layer costs far less than a
 * second forward pass.
 */
final class BatchOutputs extends BaseTrainingListener {

    private final Network network;
    private INDArray[] last;

    BatchOutputs(Network network) {
        this.network = network;
    }

    /** The predictions of the last batch trained on, one array per output. */
    INDArray[] last() {
        return last;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        last = new INDArray[] {capture(0, activations.get(activations.size() - 1))};
    }

    /** A functional model's forward pass: every vertex's activations but the output layers', by name. */
    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        Network.Graph graph = (Network.Graph) network;
        INDArray[] outputs = new INDArray[graph.outputNames().size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = capture(i, activations.get(graph.inputToOutputName(i)));
        }
        last = outputs;
    }

    private INDArray capture(int output, INDArray inputToOutputLayer) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return network.outputFrom(output, inputToOutputLayer.dup()).detach();
        }
    }
}
