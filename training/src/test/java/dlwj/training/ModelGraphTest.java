package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;

/** plot_model's graph: Keras' boxes and arrows, drawn by Graphviz's dot (the drawing is skipped without it). */
class ModelGraphTest {

    @TempDir
    Path dir;

    /** Two inputs, each through a Dense, concatenated, into a softmax: a small 7.1.2. */
    private static ComputationGraph twoInputs() {
        return KerasDefaults.initialise(new ComputationGraph(KerasDefaults.network(1).graphBuilder()
                .addInputs("text", "question")
                .addLayer("dense_1", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "text")
                .addLayer("dense_2", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "question")
                .addVertex("concatenate_1", new MergeVertex(), "dense_1", "dense_2")
                .addLayer("answer", new OutputLayer.Builder(KerasDefaults.categoricalCrossentropy()).nOut(500)
                        .activation(Activation.SOFTMAX).build(), "concatenate_1")
                .setOutputs("answer")
                .setInputTypes(InputType.feedForward(100), InputType.feedForward(50))
                .build()));
    }

    @Test
    void eachLayerIsABoxOfItsShapesWithArrowsFromItsInputs() {
        String dot = ModelGraph.dot(twoInputs(), InputType.feedForward(100), InputType.feedForward(50));

        assertTrue(dot.contains("\"text\" [label=\"text: InputLayer\\n|{input:|output:}|{{(None, 100)}|{(None, 100)}}\"];"),
                dot);
        assertTrue(dot.contains("\"concatenate_1\" [label=\"concatenate_1: Concatenate\\n|{input:|output:}|"
                + "{{[(None, 32), (None, 16)]}|{(None, 48)}}\"];"), dot);
        assertTrue(dot.contains("\"answer\" [label=\"answer: Dense\\n|{input:|output:}|{{(None, 48)}|{(None, 500)}}\"];"),
                dot);
        for (String edge : new String[] {"\"text\" -> \"dense_1\"", "\"question\" -> \"dense_2\"",
                "\"dense_1\" -> \"concatenate_1\"", "\"dense_2\" -> \"concatenate_1\"", "\"concatenate_1\" -> \"answer\""}) {
            assertTrue(dot.contains(edge + ";"), edge + " in\n" + dot);
        }
        assertEquals(5, dot.lines().filter(line -> line.contains("->")).count(), dot);
    }

    @Test
    void aSequentialModelStartsFromItsInputAsKerasNamesIt() {
        MultiLayerNetwork network = KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(1).list()
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(KerasDefaults.binaryCrossentropy()).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .setInputType(InputType.feedForward(10_000))
                .build()));

        String dot = ModelGraph.dot(network, InputType.feedForward(10_000));

        assertTrue(dot.contains("\"dense_1_input\" -> \"dense_1\";"), dot);
        assertTrue(dot.contains("\"dense_2\" [label=\"dense_2: Dense\\n|{input:|output:}|{{(None, 16)}|{(None, 1)}}\"];"),
                dot);
    }

    @Test
    void graphvizDrawsItAsAPicture() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/dot"));
        if (!installed && "required".equals(System.getenv("DLWJ_TOOL_TESTS"))) {
            fail("DLWJ_TOOL_TESTS=required but Graphviz's dot is missing: apt-get install graphviz");
        }
        Assumptions.assumeTrue(installed, "Graphviz is not installed");

        Path png = ModelGraph.plot(ModelGraph.dot(twoInputs(), InputType.feedForward(100), InputType.feedForward(50)),
                dir.resolve("model.png"));

        BufferedImage picture = ImageIO.read(png.toFile());
        assertTrue(picture.getHeight() > picture.getWidth() / 2, "top to bottom: four ranks of boxes");
        assertFalse(Files.exists(dir.resolve("model.png.partial")));
    }

    @Test
    void withoutGraphvizTheGraphIsWrittenForLater() throws Exception {
        String dot = ModelGraph.dot(twoInputs(), InputType.feedForward(100), InputType.feedForward(50));

        Path written = ModelGraph.plot(dot, dir.resolve("model.png"), dir.resolve("no-such-dot").toString());

        assertEquals(dir.resolve("model.dot"), written);
        assertEquals(dot, Files.readString(written));
        assertFalse(Files.exists(dir.resolve("model.png")));
    }
}
