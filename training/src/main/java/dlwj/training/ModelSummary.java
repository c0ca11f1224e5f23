package dlwj.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Keras' {@code model.summary()} for a DL4J network: one row per layer with its Keras type, its output
 * shape as Keras writes it ({@code (None, 26, 26, 32)}: batch first, channels last) and its parameter
 * count, then the totals. The flattening DL4J does between convolutional and dense layers (an input
 * preprocessor) is shown as Keras' {@code Flatten} layer.
 */
public final class ModelSummary {

    private static final String RULE = "_".repeat(65);

    private ModelSummary() {
    }

    /**
     * One row of the summary, one node of the model's graph: a layer's (or input's, or merge's) Keras name and
     * type, its output shape as Keras writes it, its parameters (those training does not change among them), and
     * the rows it reads.
     */
    record Row(String name, String type, String outputShape, long params, long nonTrainable, List<String> inputs) {
    }

    /** The summary of {@code network} for inputs of {@code inputType}. */
    public static String of(MultiLayerNetwork network, InputType inputType) {
        List<Row> rows = rows(network, inputType);
        StringBuilder text = new StringBuilder(RULE).append('\n')
                .append(row("Layer (type)", "Output Shape", "Param #")).append('\n')
                .append("=".repeat(65)).append('\n');
        for (Row row : rows.subList(1, rows.size())) { // Keras' Sequential summary leaves out its input
            text.append(row(row.name() + " (" + row.type() + ")", row.outputShape(), String.format("%,d", row.params())))
                    .append('\n');
        }
        return text.append("=".repeat(65)).append('\n').append(totals(rows)).append(RULE).append('\n').toString();
    }

    /**
     * The rows of a sequential model: its input ({@code <first layer>_input}, as Keras names it), then each layer,
     * with Keras' {@code Flatten} where DL4J flattens images for a dense layer (an input preprocessor).
     */
    static List<Row> rows(MultiLayerNetwork network, InputType inputType) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        List<InputType> outputs = conf.getLayerActivationTypes(inputType);
        Map<String, Integer> counts = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        rows.add(null); // the input, named after the first layer
        for (int i = 0; i < network.getnLayers(); i++) {
            InputType input = i == 0 ? inputType : outputs.get(i - 1);
            List<String> previous = rows.size() == 1 ? List.of() : List.of(rows.get(rows.size() - 1).name());
            InputPreProcessor preprocessor = conf.getInputPreProcess(i);
            if (preprocessor instanceof CnnToFeedForwardPreProcessor) {
                rows.add(new Row(name("Flatten", counts), "Flatten", shape(preprocessor.getOutputType(input)), 0, 0,
                        previous));
                previous = List.of(rows.get(rows.size() - 1).name());
            }
            Layer layer = network.getLayer(i);
            String type = kerasType(layer, input);
            rows.add(new Row(name(layer, type, counts), type, shape(kerasOutputType(layer, outputs.get(i))),
                    layer.numParams(), nonTrainable(layer), previous));
        }
        String inputName = rows.get(1).name() + "_input";
        rows.set(0, new Row(inputName, "InputLayer", shape(inputType), 0, 0, List.of()));
        Row first = rows.get(1);
        rows.set(1, new Row(first.name(), first.type(), first.outputShape(), first.params(), first.nonTrainable(),
                List.of(inputName)));
        return rows;
    }

    /**
     * The summary of a functional model ({@code Model(inputs, outputs)}), its vertices in the order they compute,
     * each input first as Keras' {@code InputLayer}. A chain (each vertex reading one vertex and read by at most one)
     * prints as a sequential model does; a graph with branches, several inputs or several outputs adds Keras'
     * "Connected to" column (the vertices each one reads).
     */
    public static String of(ComputationGraph graph, InputType... inputTypes) {
        Map<String, List<String>> inputsOf = graph.getConfiguration().getVertexInputs();
        boolean chain = inputsOf.values().stream().allMatch(inputs -> inputs.size() == 1)
                && inputsOf.values().stream().flatMap(List::stream).distinct().count() == inputsOf.size();
        int width = chain ? 65 : 98;
        StringBuilder text = new StringBuilder("_".repeat(width)).append('\n')
                .append(row(chain, "Layer (type)", "Output Shape", "Param #", "Connected to")).append('\n')
                .append("=".repeat(width)).append('\n');
        List<Row> rows = rows(graph, inputTypes);
        for (Row row : rows) {
            String connected = String.join(", ", row.inputs().stream().map(from -> from + "[0][0]").toList());
            text.append(row(chain, row.name() + " (" + row.type() + ")", row.outputShape(),
                    String.format("%,d", row.params()), connected)).append('\n');
        }
        return text.append("=".repeat(width)).append('\n').append(totals(rows)).append("_".repeat(width))
                .append('\n').toString();
    }

    /** The rows of a functional model: its vertices in the order they compute, each input as an InputLayer. */
    static List<Row> rows(ComputationGraph graph, InputType... inputTypes) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, InputType> outputs = conf.getLayerActivationTypes(inputTypes);
        Map<String, List<String>> inputsOf = conf.getVertexInputs();
        List<Row> rows = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = graph.getVertices()[index];
            String name = vertex.getVertexName();
            if (vertex.isInputVertex()) {
                int input = conf.getNetworkInputs().indexOf(name);
                rows.add(new Row(name, "InputLayer", inputShape(graph, name, inputTypes[input]), 0, 0, List.of()));
                continue;
            }
            String first = inputsOf.get(name).get(0);
            InputType input = outputs.containsKey(first) ? outputs.get(first)
                    : inputTypes[conf.getNetworkInputs().indexOf(first)];
            String type = vertex.hasLayer() ? kerasType(vertex.getLayer(), input) : kerasType(conf.getVertices().get(name));
            InputType output = !vertex.hasLayer() ? outputs.get(name)
                    : vertex.getLayer().conf().getLayer() instanceof LossLayer
                    ? InputType.feedForward(input.arrayElementsPerExample()) // its input, flattened: it has no size
                    : kerasOutputType(vertex.getLayer(), outputs.get(name));
            rows.add(new Row(name, type, shape(output), vertex.hasLayer() ? vertex.getLayer().numParams() : 0,
                    vertex.hasLayer() ? nonTrainable(vertex.getLayer()) : 0, inputsOf.get(name)));
        }
        return rows;
    }

    private static String totals(List<Row> rows) {
        long total = rows.stream().mapToLong(Row::params).sum();
        long nonTrainable = rows.stream().mapToLong(Row::nonTrainable).sum();
        return String.format("Total params: %,d%nTrainable params: %,d%nNon-trainable params: %,d%n", total,
                total - nonTrainable, nonTrainable);
    }

    /**
     * An input's shape as Keras prints it: an input of word indices read by embeddings is {@code (None, steps)}
     * (Keras' {@code Input(shape=(None,))} prints {@code (None, None)}), which DL4J types as a sequence of
     * vocabulary-sized vectors.
     */
    private static String inputShape(ComputationGraph graph, String input, InputType type) {
        boolean readByEmbeddings = graph.getConfiguration().getVertexInputs().entrySet().stream()
                .filter(vertex -> vertex.getValue().contains(input))
                .allMatch(vertex -> graph.getVertex(vertex.getKey()).hasLayer() && graph.getVertex(vertex.getKey())
                        .getLayer().conf().getLayer() instanceof EmbeddingSequenceLayer);
        if (readByEmbeddings && type instanceof InputType.InputTypeRecurrent sequence) {
            long steps = sequence.getTimeSeriesLength();
            return "(None, " + (steps > 0 ? String.valueOf(steps) : "None") + ")";
        }
        return shape(type);
    }

    /** Keras' name of a vertex that is not a layer: {@code Concatenate}, {@code Add}... */
    private static String kerasType(org.deeplearning4j.nn.conf.graph.GraphVertex vertex) {
        if (vertex instanceof MergeVertex) {
            return "Concatenate";
        }
        if (vertex instanceof ElementWiseVertex elementWise) {
            return switch (elementWise.getOp()) {
                case Add -> "Add";
                case Product -> "Multiply";
                case Average -> "Average";
                case Max -> "Maximum";
                case Subtract -> "Subtract";
            };
        }
        return vertex.getClass().getSimpleName();
    }

    private static String row(boolean chain, String layer, String shape, String params, String connected) {
        return chain ? row(layer, shape, params) : String.format("%-29s%-26s%-11s%s", layer, shape, params, connected);
    }

    /**
     * The parameters that training does not change: all of a frozen layer's, and a batch normalization's moving
     * mean and variance, which Keras counts as non-trainable.
     */
    private static long nonTrainable(Layer layer) {
        if (layer instanceof FrozenLayer) {
            return layer.numParams();
        }
        return layer.conf().getLayer() instanceof BatchNormalization ? layer.numParams() / 2 : 0;
    }

    /** DL4J declares a global pooling over steps to output a sequence; it outputs [batch, channels], as Keras'. */
    private static InputType kerasOutputType(Layer layer, InputType declared) {
        return layer.conf().getLayer() instanceof GlobalPoolingLayer pooling && pooling.isCollapseDimensions()
                && declared instanceof InputType.InputTypeRecurrent sequence
                ? InputType.feedForward(sequence.getSize()) : declared;
    }

    /**
     * Keras' output shape: {@code (None, 26, 26, 32)} for images (height, width, channels), {@code (None, 20, 8)}
     * for sequences (steps, features; {@code None} steps when the length is not fixed), {@code (None, 64)}.
     */
    static String shape(InputType type) {
        long[] shape = type.getShape(false);
        StringBuilder text = new StringBuilder("(None");
        if (type instanceof InputType.InputTypeConvolutional conv) {
            text.append(", ").append(conv.getHeight()).append(", ").append(conv.getWidth()).append(", ")
                    .append(conv.getChannels());
        } else if (type instanceof InputType.InputTypeRecurrent sequence) {
            long steps = sequence.getTimeSeriesLength();
            text.append(", ").append(steps > 0 ? String.valueOf(steps) : "None").append(", ").append(sequence.getSize());
        } else {
            for (long size : shape) {
                text.append(", ").append(size);
            }
        }
        return text.append(')').toString();
    }

    /**
     * Keras' name of the layer's type ({@code Conv2D}, {@code MaxPooling2D}, {@code Dense}, {@code LSTM}...),
     * frozen or not; a recurrent layer that returns its last step only is named as the recurrent layer.
     */
    public static String kerasType(Layer layer) {
        Layer inner = layer instanceof FrozenLayer frozen ? frozen.getInsideLayer() : layer;
        return kerasType(inner.conf().getLayer());
    }

    /** {@link #kerasType(Layer)} where the type depends on the input: a global pooling of steps or of pixels. */
    private static String kerasType(Layer layer, InputType input) {
        if (layer.conf().getLayer() instanceof GlobalPoolingLayer pooling) {
            String kind = pooling.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.AVG
                    ? "Average" : "Max";
            return "Global" + kind + "Pooling" + (input instanceof InputType.InputTypeConvolutional ? "2D" : "1D");
        }
        return kerasType(layer);
    }

    private static String kerasType(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof LastTimeStep lastStep) {
            return kerasType(lastStep.getUnderlying());
        }
        String dl4j = conf.getClass().getSimpleName();
        boolean average = conf instanceof SubsamplingLayer pooling
                && pooling.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.AVG;
        if (average) {
            return conf instanceof Subsampling1DLayer ? "AveragePooling1D" : "AveragePooling2D";
        }
        return switch (dl4j) {
            case "ConvolutionLayer" -> "Conv2D";
            case "Deconvolution2D" -> "Conv2DTranspose";
            case "SubsamplingLayer", "MaxPooling2D" -> "MaxPooling2D";
            case "DenseLayer", "Dense", "OutputLayer", "Output" -> "Dense";
            case "DropoutLayer" -> "Dropout";
            case "EmbeddingSequenceLayer", "EmbeddingLayer" -> "Embedding";
            case "SimpleRnn" -> "SimpleRNN";
            case "Gru" -> "GRU";
            case "Lstm", "LSTM" -> "LSTM";
            case "Convolution1DLayer" -> "Conv1D";
            case "SeparableConvolution2D" -> "SeparableConv2D";
            case "BatchNormalization" -> "BatchNormalization";
            case "Subsampling1DLayer" -> "MaxPooling1D";
            case "GlobalPoolingLayer" -> "GlobalMaxPooling1D";
            default -> dl4j;
        };
    }

    /** The layer's own name ({@code block1_conv1}), or Keras' automatic one when it has none. */
    private static String name(Layer layer, String kerasType, Map<String, Integer> counts) {
        String own = layer.conf().getLayer().getLayerName();
        return own != null && !own.matches("(layer)?\\d+") ? own : name(kerasType, counts);
    }

    /** Keras' automatic names: {@code conv2d_1}, {@code max_pooling2d_1}, {@code dense_2}... */
    private static String name(String kerasType, Map<String, Integer> counts) {
        int n = counts.merge(kerasType, 1, Integer::sum);
        return kerasType.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase() + "_" + n;
    }

    private static String row(String layer, String shape, String params) {
        return String.format("%-29s%-26s%s", layer, shape, params);
    }
}
