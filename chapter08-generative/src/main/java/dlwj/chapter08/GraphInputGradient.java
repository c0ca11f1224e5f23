package dlwj.chapter08;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient of a function of a {@code ComputationGraph}'s vertices' outputs with respect to the graph's input. DL4J
 * back-propagates a graph to its parameters; DeepDream and style transfer (sections 8.2 and 8.3) need the gradient
 * with respect to the picture, which {@code ComputationGraph.backpropGradient} does not keep, of a loss on
 * activations inside the network. So the vertices are run here one by one, in the graph's topological order, forward
 * and then back, each doing its own DL4J computation. (A {@code MultiLayerNetwork} is a graph too:
 * {@code toComputationGraph()} names its layers' vertices by their indices.)
 */
final class GraphInputGradient {

    private final ComputationGraph graph;

    GraphInputGradient(ComputationGraph graph) {
        this.graph = graph;
        graph.initGradientsView(); // the layers' back-propagation writes the weights' gradients there
    }

    /**
     * The outputs of the {@code wanted} vertices for {@code input}, by the vertices' names: the vertices they depend
     * on are run, keeping their inputs for {@link #inputGradient}; those they don't depend on are not.
     */
    Map<String, INDArray> activations(INDArray input, Collection<String> wanted) {
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        GraphVertex[] vertices = graph.getVertices();
        boolean[] needed = new boolean[vertices.length];
        int[] order = graph.topologicalSortOrder();
        wanted.forEach(name -> needed[graph.getVertex(name).getVertexIndex()] = true);
        for (int i = order.length - 1; i >= 0; i--) {
            if (needed[order[i]] && !vertices[order[i]].isInputVertex()) {
                for (VertexIndices from : vertices[order[i]].getInputVertices()) {
                    needed[from.getVertexIndex()] = true;
                }
            }
        }
        INDArray[] outputs = new INDArray[vertices.length];
        Map<String, INDArray> byName = new HashMap<>();
        for (int index : order) {
            GraphVertex vertex = vertices[index];
            if (!needed[index]) {
                continue;
            }
            if (vertex.isInputVertex()) {
                outputs[index] = input;
            } else {
                VertexIndices[] inputs = vertex.getInputVertices();
                for (int i = 0; i < inputs.length; i++) {
                    vertex.setInput(i, outputs[inputs[i].getVertexIndex()], none);
                }
                outputs[index] = vertex.doForward(true, none);
            }
            if (wanted.contains(vertex.getVertexName())) {
                byName.put(vertex.getVertexName(), outputs[index]);
            }
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
