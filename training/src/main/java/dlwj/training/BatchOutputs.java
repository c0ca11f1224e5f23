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
 * update, as Keras computes its training metrics: DL4J hands the listener the input of the output layer,
 * and applying that one layer costs far less than a second forward pass.
 */
final class BatchOutputs extends BaseTrainingListener {

    private final Network network;
    private INDArray last;

    BatchOutputs(Network network) {
        this.network = network;
    }

    /** The predictions of the last batch trained on. */
    INDArray last() {
        return last;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        capture(activations.get(activations.size() - 1));
    }

    /** A functional model's forward pass: every vertex's activations but the output layer's, by name. */
    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        capture(activations.get(((Network.Graph) network).inputToOutputName()));
    }

    private void capture(INDArray inputToOutputLayer) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            last = network.outputFrom(inputToOutputLayer.dup()).detach();
        }
    }
}
