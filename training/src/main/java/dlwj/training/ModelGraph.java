package dlwj.training;

import dlwj.training.ModelSummary.Row;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Keras' {@code plot_model(model, to_file='model.png', show_shapes=True)}: the model's graph, one box per layer
 * ({@code dense_1: Dense}) with its input and output shapes, an arrow from each layer to those that read it, drawn
 * by Graphviz's {@code dot} as Keras has it drawn (through pydot). The rows are {@link ModelSummary}'s, so names,
 * types and shapes are the summary's.
 *
 * <pre>{@code
 * ModelGraph.plot(ModelGraph.dot(model, InputType.recurrent(10_000)), options.output("model.png"));
 * }</pre>
 */
public final class ModelGraph {

    private ModelGraph() {
    }

    /** The graph of a sequential model, its input first, in Graphviz's language. */
    public static String dot(MultiLayerNetwork network, InputType inputType) {
        return dot(ModelSummary.rows(network, inputType));
    }

    /** The graph of a functional model, in Graphviz's language. */
    public static String dot(ComputationGraph graph, InputType... inputTypes) {
        return dot(ModelSummary.rows(graph, inputTypes));
    }

    static String dot(List<Row> rows) {
        Map<String, Row> byName = new HashMap<>();
        StringBuilder dot = new StringBuilder("digraph G {\n    rankdir=TB;\n    concentrate=true;\n"
                + "    node [shape=record, fontname=\"Helvetica\", fontsize=11];\n");
        for (Row row : rows) {
            byName.put(row.name(), row);
            List<String> inputShapes = row.inputs().stream().map(input -> byName.get(input).outputShape()).toList();
            String input = inputShapes.isEmpty() ? row.outputShape()
                    : inputShapes.size() == 1 ? inputShapes.get(0) : "[" + String.join(", ", inputShapes) + "]";
            dot.append(String.format("    \"%s\" [label=\"%s: %s\\n|{input:|output:}|{{%s}|{%s}}\"];%n", row.name(),
                    escape(row.name()), escape(row.type()), escape(input), escape(row.outputShape())));
        }
        for (Row row : rows) {
            for (String input : row.inputs()) {
                dot.append(String.format("    \"%s\" -> \"%s\";%n", input, row.name()));
            }
        }
        return dot.append("}\n").toString();
    }

    /**
     * Draws {@code dot} into {@code png} with Graphviz's {@code dot} and returns the file. Without Graphviz it
     * writes the graph beside it ({@code model.dot}), says in one line how to draw it, and returns that file.
     */
    public static Path plot(String dot, Path png) {
        return plot(dot, png, "dot");
    }

    static Path plot(String dot, Path png, String dotCommand) {
        Path partial = png.resolveSibling(png.getFileName() + ".partial");
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Process process;
            try {
                process = new ProcessBuilder(dotCommand, "-Tpng", "-o", partial.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException notInstalled) {
                Path dotFile = png.resolveSibling(png.getFileName().toString().replaceFirst("\\.png$", "") + ".dot");
                Files.writeString(dotFile, dot, StandardCharsets.UTF_8);
                System.out.println("Graphviz's dot is not installed (apt-get install graphviz, brew install graphviz): "
                        + "wrote " + dotFile + "; dot -Tpng " + dotFile + " -o " + png + " draws it");
                return dotFile;
            }
            try (OutputStream in = process.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            }
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Graphviz's dot could not draw " + png + ": " + said);
            }
            return Files.move(partial, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write " + png + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while drawing " + png, e);
        }
    }

    /** A record label's special characters, and quotes, escaped. */
    private static String escape(String text) {
        return text.replaceAll("([{}|<>\"])", "\\\\$1");
    }
}
