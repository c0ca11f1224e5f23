package dlwj.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.StackVertex;
import org.deeplearning4j.nn.conf.graph.UnstackVertex;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Keras' shared layers ({@code lstm = LSTM(32)} called on two inputs, book section 7.1.5) and models called as
 * layers (7.1.6) in a DL4J {@code ComputationGraph}, which gives each layer vertex weights of its own and has no
 * shared-layer vertex. The inputs are stacked along the batch ({@link StackVertex}), the layer (or model) runs once
 * over the stacked batch with its one set of weights, and the result is split back into one output per input
 * ({@link UnstackVertex}). Its gradient is then the sum of what each input contributes, as for Keras' shared
 * layer. The inputs must have the same shape (sequences the same length).
 */
public final class SharedWeights {

    private SharedWeights() {
    }

    /**
     * {@code layer} applied to each of {@code inputs} with one set of weights, as a vertex {@code name}; returns the
     * names of its outputs, one per input, in their order ({@code <name>_on_<input>}).
     */
    public static List<String> layer(GraphBuilder graph, String name, Layer layer, String... inputs) {
        requireTwoOrMore(name, inputs);
        graph.addVertex(name + "_inputs", new StackVertex(), inputs);
        graph.addLayer(name, layer, name + "_inputs");
        return unstack(graph, name, name, inputs);
    }

    /**
     * A functional model of one input and one output ({@code model}'s configuration: its layers and vertices, its
     * output layers left out where they are a classifier's head) applied to each of {@code inputs} with one set of
     * weights: its vertices are copied in, named {@code <name>/<vertex>}; returns the names of its outputs, one per
     * input ({@code <name>_on_<input>}).
     */
    public static List<String> model(GraphBuilder graph, String name, ComputationGraphConfiguration model,
                                     String output, String... inputs) {
        requireTwoOrMore(name, inputs);
        if (model.getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("A model called as a layer takes one input here, not "
                    + model.getNetworkInputs());
        }
        String modelInput = model.getNetworkInputs().get(0);
        graph.addVertex(name + "_inputs", new StackVertex(), inputs);
        List<String> needed = ancestors(model, output);
        for (Map.Entry<String, GraphVertex> vertex : model.getVertices().entrySet()) {
            if (needed.contains(vertex.getKey())) {
                String[] from = model.getVertexInputs().get(vertex.getKey()).stream()
                        .map(input -> input.equals(modelInput) ? name + "_inputs" : name + "/" + input)
                        .toArray(String[]::new);
                GraphVertex copy = vertex.getValue().clone();
                if (copy instanceof LayerVertex layerVertex) {
                    layerVertex.getLayerConf().getLayer().setLayerName(name + "/" + vertex.getKey());
                }
                graph.addVertex(name + "/" + vertex.getKey(), copy, from);
            }
        }
        return unstack(graph, name, name + "/" + output, inputs);
    }

    /** The vertices {@code output} is computed from, itself included, inputs left out. */
    private static List<String> ancestors(ComputationGraphConfiguration model, String output) {
        if (!model.getVertices().containsKey(output)) {
            throw new IllegalArgumentException("The model has no vertex " + output);
        }
        List<String> found = new ArrayList<>(List.of(output));
        for (int i = 0; i < found.size(); i++) {
            for (String input : model.getVertexInputs().get(found.get(i))) {
                if (model.getVertices().containsKey(input) && !found.contains(input)) {
                    found.add(input);
                }
            }
        }
        return found;
    }

    private static List<String> unstack(GraphBuilder graph, String name, String stacked, String... inputs) {
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            String output = name + "_on_" + inputs[i];
            graph.addVertex(output, new UnstackVertex(i, inputs.length), stacked);
            outputs.add(output);
        }
        return outputs;
    }

    private static void requireTwoOrMore(String name, String... inputs) {
        if (inputs.length < 2) {
            throw new IllegalArgumentException(name + " is shared by two inputs or more, not " + List.of(inputs));
        }
    }
}
