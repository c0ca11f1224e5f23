package dlwj.chapter08;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient of a function of a {@code ComputationGraph}'s vertices' outputs with respect to the graph's input. DL4J
 * back-propagates a graph to its parameters; DeepDream (section 8.2) needs the gradient with respect to the picture,
 * which {@code ComputationGraph.backpropGradient} does not keep. So the vertices are run here one by one, in the
 * graph's topological order, forward and then back, each doing its own DL4J computation.
 */
final class GraphInputGradient {

    private final ComputationGraph graph;

    GraphInputGradient(ComputationGraph graph) {
        this.graph = graph;
        graph.initGradientsView(); // the layers' back-propagation writes the weights' gradients there
    }

    /** Every vertex's output for {@code input} by the vertex's name, the vertices keeping their inputs. */
    Map<String, INDArray> activations(INDArray input) {
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        GraphVertex[] vertices = graph.getVertices();
        INDArray[] outputs = new INDArray[vertices.length];
        Map<String, INDArray> byName = new HashMap<>();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = vertices[index];
            if (vertex.isInputVertex()) {
                outputs[index] = input;
            } else {
                VertexIndices[] inputs = vertex.getInputVertices();
                for (int i = 0; i < inputs.length; i++) {
                    vertex.setInput(i, outputs[inputs[i].getVertexIndex()], none);
                }
                outputs[index] = vertex.doForward(true, none);
            }
            byName.put(vertex.getVertexName(), outputs[index]);
        }
        return byName;
    }

    /**
     * The gradient with respect to the input of the last {@link #activations} of a function whose gradients with
     * respect to some vertices' outputs are {@code outputGradients} (by vertex name).
     */
    INDArray inputGradient(Map<String, INDArray> outputGradients) {
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        GraphVertex[] vertices = graph.getVertices();
        INDArray[] epsilons = new INDArray[vertices.length];
        outputGradients.forEach((name, gradient) -> epsilons[graph.getVertex(name).getVertexIndex()] = gradient.dup());
        int[] order = graph.topologicalSortOrder();
        for (int i = order.length - 1; i >= 0; i--) {
            GraphVertex vertex = vertices[order[i]];
            INDArray epsilon = epsilons[order[i]];
            if (vertex.isInputVertex()) {
                return epsilon;
            }
            if (epsilon == null) {
                continue; // nothing of the function depends on this vertex
            }
            vertex.setEpsilon(epsilon);
            INDArray[] inputEpsilons = vertex.doBackward(false, none).getSecond();
            VertexIndices[] inputs = vertex.getInputVertices();
            for (int k = 0; k < inputs.length; k++) {
                int from = inputs[k].getVertexIndex();
                epsilons[from] = epsilons[from] == null ? inputEpsilons[k].dup() : epsilons[from].addi(inputEpsilons[k]);
            }
        }
        throw new IllegalStateException("The graph has no input vertex");
    }
}
