package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The trainer on a functional model of two inputs and three outputs (book section 7.1.3's shape, small):
 * Keras' names and order in the history, each output's loss, the loss weights, arrays by position and by name.
 */
class TrainerSeveralInputsAndOutputsTest {

    private static final int SAMPLES = 120;

    /** Inputs "text" (6 features) and "extra" (3), outputs "age" (MSE, x0.25), "income" (3 classes), "gender" (x10). */
    private static ComputationGraph posts(double ageWeight, double genderWeight) {
        ComputationGraph graph = new ComputationGraph(KerasDefaults.network(11)
                .updater(KerasDefaults.rmsprop(1e-2))
                .graphBuilder()
                .addInputs("text", "extra")
                .addVertex("merged", new MergeVertex(), "text", "extra")
                .addLayer("hidden", new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build(), "merged")
                .addLayer("age", output(new LossMSE(), ageWeight, 1, Activation.IDENTITY), "hidden")
                .addLayer("income", output(new LossMCXENT(), 1, 3, Activation.SOFTMAX), "hidden")
                .addLayer("gender", output(KerasDefaults.binaryCrossentropy(), genderWeight, 1, Activation.SIGMOID),
                        "hidden")
                .setOutputs("age", "income", "gender")
                .setInputTypes(InputType.feedForward(6), InputType.feedForward(3))
                .build());
        return KerasDefaults.initialise(graph);
    }

    private static OutputLayer output(ILossFunction loss, double weight, int units, Activation activation) {
        return new OutputLayer.Builder(weight == 1 ? loss : new WeightedLoss(loss, weight)).nOut(units)
                .activation(activation).build();
    }

    private static INDArray[] inputs(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new INDArray[] {Nd4j.rand(DataType.FLOAT, SAMPLES, 6), Nd4j.rand(DataType.FLOAT, SAMPLES, 3)};
    }

    /** Targets that depend on the inputs: age their sum, income which third of it, gender whether text[0] > 0.5. */
    private static INDArray[] targets(INDArray[] x) {
        INDArray sum = x[0].sum(true, 1).addi(x[1].sum(true, 1));
        INDArray income = Nd4j.zeros(DataType.FLOAT, SAMPLES, 3);
        for (int i = 0; i < SAMPLES; i++) {
            income.putScalar(i, Math.min(2, (int) (sum.getDouble(i) / 3)), 1);
        }
        INDArray gender = x[0].getColumn(0, true).gt(0.5).castTo(DataType.FLOAT);
        return new INDArray[] {sum, income, gender};
    }

    private static Trainer trainer(ComputationGraph graph) {
        return new Trainer(graph).metrics(Map.of("income", List.of(Metric.ACCURACY), "gender", List.of(Metric.ACCURACY)))
                .seed(3).quiet();
    }

    @Test
    void theHistoryNamesEachOutputsLossAndMetricsAsKerasDoes() {
        INDArray[] x = inputs(1);
        INDArray[] xVal = inputs(2);

        History history = trainer(posts(0.25, 10)).fit(x, targets(x), 2, 32, xVal, targets(xVal));

        assertEquals(List.of("loss", "age_loss", "income_loss", "gender_loss", "income_acc", "gender_acc",
                "val_loss", "val_age_loss", "val_income_loss", "val_gender_loss", "val_income_acc", "val_gender_acc"),
                history.names());
    }

    @Test
    void eachOutputsLossIsItsOwnAndTheLossTheirWeightedSumAsDl4jScoresIt() {
        ComputationGraph graph = posts(0.25, 10);
        INDArray[] x = inputs(1);
        INDArray[] y = targets(x);
        Trainer trainer = trainer(graph);
        trainer.fit(x, y, 1, 32);

        Map<String, Double> results = trainer.evaluate(x, y);
        INDArray[] predictions = trainer.predict(x);

        double ageLoss = Transforms.pow(predictions[0].sub(y[0]), 2).meanNumber().doubleValue();
        double genderLoss = -y[2].mul(Transforms.log(predictions[2])).add(y[2].rsub(1).mul(Transforms.log(
                predictions[2].rsub(1)))).meanNumber().doubleValue();
        double incomeLoss = -y[1].mul(Transforms.log(predictions[1])).sum(1).meanNumber().doubleValue();
        assertEquals(ageLoss, results.get("age_loss"), 1e-4 * ageLoss);
        assertEquals(incomeLoss, results.get("income_loss"), 1e-4 * incomeLoss);
        assertEquals(genderLoss, results.get("gender_loss"), 1e-4 * genderLoss);
        double weighted = 0.25 * ageLoss + incomeLoss + 10 * genderLoss;
        assertEquals(weighted, results.get("loss"), 1e-4 * weighted);
        assertEquals(graph.score(new MultiDataSet(x, y), false), results.get("loss"), 1e-4 * weighted);
    }

    @Test
    void theTrainingLossIsTheWeightedSumOfTheOutputsLossesOfTheSameForwardPass() {
        INDArray[] x = inputs(1);

        History history = trainer(posts(0.25, 10)).fit(x, targets(x), 3, 32);

        for (int epoch = 0; epoch < 3; epoch++) {
            double weighted = 0.25 * history.get("age_loss").get(epoch) + history.get("income_loss").get(epoch)
                    + 10 * history.get("gender_loss").get(epoch);
            assertEquals(weighted, history.get("loss").get(epoch), 1e-4 * weighted);
        }
    }

    @Test
    void aLossWeightScalesItsOutputsGradient() {
        INDArray[] x = inputs(1);
        INDArray[] y = targets(x);
        ComputationGraph plain = posts(1, 1);
        ComputationGraph weighted = posts(1, 10);
        weighted.setParams(plain.params());

        for (ComputationGraph graph : List.of(plain, weighted)) {
            graph.setInputs(x);
            graph.setLabels(y);
            graph.computeGradientAndScore();
        }

        INDArray genderPlain = plain.gradient().getGradientFor("gender_W");
        INDArray genderWeighted = weighted.gradient().getGradientFor("gender_W");
        assertEquals(0, genderPlain.mul(10).distance2(genderWeighted), 1e-5 * genderWeighted.norm2Number().doubleValue());
        assertEquals(plain.gradient().getGradientFor("age_W"), weighted.gradient().getGradientFor("age_W"));
    }

    @Test
    void aModelWithLossWeightsSavesAndLoads(@TempDir Path folder) throws Exception {
        ComputationGraph graph = posts(0.25, 10);
        File file = folder.resolve("posts.zip").toFile();

        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, true);

        assertEquals(graph.getConfiguration(), loaded.getConfiguration());
        assertEquals(new WeightedLoss(new LossMSE(), 0.25),
                ((OutputLayer) loaded.getLayer("age").conf().getLayer()).getLossFn());
    }

    @Test
    void aCheckpointedGraphGoesOnFromItsLastEpoch(@TempDir Path folder) {
        INDArray[] x = inputs(1);
        INDArray[] y = targets(x);
        Path file = folder.resolve("posts.checkpoint.zip");
        History twoEpochs = trainer(posts(0.25, 10)).checkpointed(file, true).fit(x, y, 2, 32);

        Trainer resumed = trainer(posts(0.25, 10)).checkpointed(file, true);
        History fourEpochs = resumed.fit(x, y, 4, 32);

        assertEquals(4, fourEpochs.epochs());
        assertEquals(twoEpochs.get("age_loss"), fourEpochs.get("age_loss").subList(0, 2));
        ComputationGraph saved = (ComputationGraph) new Checkpoint(file).load().orElseThrow().model();
        assertEquals(resumed.model().params(), saved.params());
        assertEquals(fourEpochs.asMap(), new Checkpoint(file).load().orElseThrow().history().asMap());
    }

    @Test
    void arraysByNameTrainAsArraysInTheModelsOrder() {
        INDArray[] x = inputs(1);
        INDArray[] y = targets(x);

        History byPosition = trainer(posts(0.25, 10)).fit(x, y, 2, 32);
        History byName = trainer(posts(0.25, 10)).fit(Map.of("extra", x[1], "text", x[0]),
                Map.of("gender", y[2], "age", y[0], "income", y[1]), 2, 32);

        assertEquals(byPosition.asMap(), byName.asMap());
    }

    @Test
    void wrongArraysAreRefusedInOneLine() {
        INDArray[] x = inputs(1);
        INDArray[] y = targets(x);
        Trainer trainer = trainer(posts(0.25, 10));

        assertEquals("The model has 3 outputs [age, income, gender] but was given 2 arrays",
                assertThrows(IllegalArgumentException.class, () -> trainer.fit(x, new INDArray[] {y[0], y[1]}, 1, 32))
                        .getMessage());
        assertEquals("The model has no input named question; its inputs are [text, extra]",
                assertThrows(IllegalArgumentException.class, () -> trainer.fit(Map.of("question", x[0], "extra", x[1]),
                        Map.of("age", y[0], "income", y[1], "gender", y[2]), 1, 32)).getMessage());
        assertEquals("The model has no output named salary; its outputs are [age, income, gender]",
                assertThrows(IllegalArgumentException.class,
                        () -> trainer.metrics(Map.of("salary", List.of(Metric.ACCURACY)))).getMessage());
        assertEquals("The model has 2 inputs and 3 outputs: pass one array for each (in the model's order or by name)",
                assertThrows(IllegalArgumentException.class, () -> trainer.predict(x[0])).getMessage());
        INDArray[] shortText = {x[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10)), x[1]};
        assertEquals("The training inputs have 10 and 120 samples: every array needs one row per sample",
                assertThrows(IllegalArgumentException.class, () -> trainer.fit(shortText, y, 1, 32)).getMessage());
    }

    @Test
    void predictGivesOneArrayPerOutput() {
        INDArray[] predictions = trainer(posts(0.25, 10)).predict(inputs(1));

        assertEquals(3, predictions.length);
        assertArrayEquals(new long[] {SAMPLES, 1}, predictions[0].shape());
        assertArrayEquals(new long[] {SAMPLES, 3}, predictions[1].shape());
        assertArrayEquals(new long[] {SAMPLES, 1}, predictions[2].shape());
    }
}
