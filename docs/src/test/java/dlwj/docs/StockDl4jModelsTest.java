package dlwj.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** docs/stock-dl4j.md's two models: they build, learn, and are on the page exactly as they are here. */
class StockDl4jModelsTest {

    private static final Path DOCS = Path.of("").toAbsolutePath();

    /** The loss after {@code steps} steps on {@code data}, divided by the loss before. */
    private static double lossRatio(MultiLayerNetwork network, DataSet data, int steps) {
        double before = network.score(data);
        for (int step = 0; step < steps; step++) {
            network.fit(data);
        }
        return network.score(data) / before;
    }

    @Test
    void theMnistNetworkLearnsSeparableDigits() {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 784);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 64, 10);
        for (int i = 0; i < 64; i++) {
            x.putScalar(i, i % 10, 5f); // each class lights its own pixel
            labels.putScalar(i, i % 10, 1f);
        }
        MultiLayerNetwork network = StockDl4jModels.mnistFirstNetwork(1);

        assertEquals(784 * 512 + 512 + 512 * 10 + 10, network.numParams(), "Keras' summary: 407,050");
        assertTrue(lossRatio(network, new DataSet(x, labels), 20) < 0.2);
    }

    @Test
    void theImdbLstmLearnsWhichWordMarksAPositiveReview() {
        Nd4j.getRandom().setSeed(2);
        INDArray words = Nd4j.rand(DataType.FLOAT, 32, 20).muli(9_000).addi(3);
        Transforms.floor(words, false);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, 1);
        for (int i = 0; i < 32; i += 2) {
            words.putScalar(i, 19, 9_999); // the positive reviews end with word 9999
            labels.putScalar(i, 0, 1f);
        }
        MultiLayerNetwork network = StockDl4jModels.imdbLstm(2);

        assertEquals(10_000 * 32 + 4 * (32 * 32 + 32 * 32 + 32) + 33, network.numParams(), "Keras' summary: 328,353");
        assertArrayEquals(new long[] {32, 1}, network.output(words).shape());
        assertTrue(lossRatio(network, new DataSet(words, labels), 60) < 0.5);
    }

    @Test
    void thePageShowsTheCodeAsItIs() throws IOException {
        String source = Files.readString(DOCS.resolve("src/test/java/dlwj/docs/StockDl4jModels.java"));
        String page = Files.readString(DOCS.resolve("stock-dl4j.md"));
        Matcher listing = Pattern.compile("(?s)\\n( +// listing .*?)\\n +// end").matcher(source);
        int found = 0;
        while (listing.find()) {
            String code = listing.group(1).stripIndent().strip();
            assertTrue(page.contains(code), "docs/stock-dl4j.md does not show, as it is:\n" + code);
            found++;
        }
        assertEquals(2, found);
    }
}
