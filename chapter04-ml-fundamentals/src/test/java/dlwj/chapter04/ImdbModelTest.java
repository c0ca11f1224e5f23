package dlwj.chapter04;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dlwj.chapter03.ImdbVectors;
import dlwj.cli.StockLayers;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Listing 4.8's dropout is Keras' {@code Dropout(0.5)}: a fresh mask for every training step, each kept
 * unit scaled by 2, nothing dropped in inference (validation), and the gradient back-propagated through
 * the same masks as the forward pass used.
 */
class ImdbModelTest {

    private static final ImdbModel DROPOUT = ImdbModel.dense("dropout", 2, 16).withDropout();

    private final DataSet batch = reviews();

    private static DataSet reviews() {
        Nd4j.getRandom().setSeed(3);
        INDArray multiHot = Nd4j.rand(DataType.FLOAT, 8, 10_000).gt(0.99).castTo(DataType.FLOAT);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 8, 1).gt(0.5).castTo(DataType.FLOAT);
        return new DataSet(multiHot, labels);
    }

    private static double trainingLoss(MultiLayerNetwork model, DataSet batch) {
        model.setInput(batch.getFeatures());
        model.setLabels(batch.getLabels());
        model.computeGradientAndScore();
        return model.score();
    }

    @Test
    void everyTrainingStepDrawsNewMasksAndInferenceDropsNothing() {
        MultiLayerNetwork model = DROPOUT.build(LayerChoice.KERAS, 1);

        double first = trainingLoss(model, batch);
        double second = trainingLoss(model, batch);

        assertNotEquals(first, second, "the same masks twice");
        assertEquals(model.score(batch, false), model.score(batch, false));
        assertArrayEquals(model.output(batch.getFeatures(), false).toFloatVector(),
                model.output(batch.getFeatures(), false).toFloatVector());
    }

    @Test
    void theGradientGoesBackThroughTheForwardPassesMasks() {
        MultiLayerNetwork model = DROPOUT.build(LayerChoice.KERAS, 1);
        Nd4j.getRandom().setSeed(99);
        double loss = trainingLoss(model, batch);
        // the same two masks, drawn again from the same seed in the same order: ones kept at 2, dropped at 0
        Nd4j.getRandom().setSeed(99);
        INDArray firstMask = mask();
        INDArray secondMask = mask();
        assertEquals(Nd4j.createFromArray(0f, 2f), Nd4j.createFromArray(firstMask.minNumber().floatValue(),
                firstMask.maxNumber().floatValue()));

        // the network by hand: Dense(16, relu), dropout, Dense(16, relu), dropout, Dense(1, sigmoid)
        INDArray x = batch.getFeatures();
        INDArray y = batch.getLabels();
        INDArray z0 = x.mmul(model.getParam("0_W")).addRowVector(model.getParam("0_b"));
        INDArray d1 = Transforms.relu(z0, true).muli(firstMask);
        INDArray z2 = d1.mmul(model.getParam("2_W")).addRowVector(model.getParam("2_b"));
        INDArray d3 = Transforms.relu(z2, true).muli(secondMask);
        INDArray p = Transforms.sigmoid(d3.mmul(model.getParam("4_W")).addRowVector(model.getParam("4_b")), true);
        double expectedLoss = -y.mul(Transforms.log(p, true)).add(y.rsub(1).mul(Transforms.log(p.rsub(1), true)))
                .meanNumber().doubleValue();
        INDArray outputDelta = p.sub(y); // DL4J's gradients are sums over the batch
        INDArray delta2 = outputDelta.mmul(model.getParam("4_W").transpose()).muli(secondMask)
                .muli(z2.gt(0).castTo(DataType.FLOAT));
        INDArray delta0 = delta2.mmul(model.getParam("2_W").transpose()).muli(firstMask)
                .muli(z0.gt(0).castTo(DataType.FLOAT));

        assertEquals(expectedLoss, loss, 1e-5);
        assertClose(d3.transpose().mmul(outputDelta), model.gradient().getGradientFor("4_W"));
        assertClose(delta2.sum(0), model.gradient().getGradientFor("2_b"));
        assertClose(d1.transpose().mmul(delta2), model.gradient().getGradientFor("2_W"));
        assertClose(delta0.sum(0), model.gradient().getGradientFor("0_b"));
    }

    private static INDArray mask() {
        INDArray mask = Nd4j.create(DataType.FLOAT, 8, 16);
        new Dropout(0.5).applyDropout(Nd4j.ones(DataType.FLOAT, 8, 16), mask, 0, 0, LayerWorkspaceMgr.noWorkspaces());
        return mask;
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.reshape(-1).toFloatVector(), actual.reshape(-1).toFloatVector(), 1e-4f);
    }

    @Test
    void theRegularisedModelIsTheSameWithDl4jsLayers() {
        ImdbModel l1l2 = ImdbModel.dense("l1_l2", 2, 16).kernelRegularizer(KerasDefaults.l1(0.001), KerasDefaults.l2(0.001));
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, ImdbVectors.NUM_WORDS).gt(0.99).castTo(DataType.FLOAT);
        INDArray y = Nd4j.rand(DataType.FLOAT, 32, 1).gt(0.5).castTo(DataType.FLOAT);

        StockLayers.assertSameModel(l1l2.build(LayerChoice.KERAS, 1), l1l2.build(LayerChoice.DL4J, 1), x, y);
    }
}
