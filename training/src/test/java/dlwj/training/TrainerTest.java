package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.eval.Evaluation;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossHinge;

/** Keras' fit semantics on small synthetic problems. */
class TrainerTest {

    /** 200 samples of 8 features; the class is which of the first 3 features is largest. */
    private static DataSet threeClasses(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, 200, 8);
        INDArray classes = Nd4j.argMax(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3)), 1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 200, 3);
        for (int i = 0; i < 200; i++) {
            y.putScalar(i, classes.getInt(i), 1);
        }
        return new DataSet(x, y);
    }

    private static MultiLayerNetwork classifier(double learningRate) {
        MultiLayerConfiguration conf = KerasDefaults.network(42)
                .updater(learningRate == 0 ? new Sgd(0) : KerasDefaults.rmsprop(learningRate))
                .list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void fitLowersTheLoss() {
        DataSet data = threeClasses(1);
        History history = new Trainer(classifier(1e-2), Metric.ACCURACY).quiet()
                .fit(data.getFeatures(), data.getLabels(), 30, 32);

        List<Double> loss = history.get("loss");
        assertEquals(30, history.epochs());
        assertTrue(loss.get(29) < 0.6 * loss.get(0), "loss " + loss);
        assertTrue(history.get("acc").get(29) > 0.8, "acc " + history.get("acc"));
    }

    @Test
    void aLossThatIsNotANumberStopsTrainingWithOneLineSayingWhere() {
        DataSet data = threeClasses(1);
        data.getFeatures().putScalar(new long[] {70, 0}, Double.NaN); // in one batch of 32, wherever the shuffle puts it

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> new Trainer(classifier(1e-2), Metric.ACCURACY)
                .quiet().fit(data.getFeatures(), data.getLabels(), 1, 32));

        assertTrue(e.getMessage().matches("The training loss is NaN at batch \\d+: training diverged or the data holds NaN "
                + "or infinite values; check the inputs and lower the learning rate"), e.getMessage());
    }

    @Test
    void trainingValuesAreThoseOfTheBatchesBeforeTheirUpdate() {
        DataSet data = threeClasses(2);
        MultiLayerNetwork model = classifier(0);
        Trainer trainer = new Trainer(model, Metric.ACCURACY, Metric.MAE).quiet();
        INDArray predictions = trainer.predict(data.getFeatures());

        History history = trainer.fit(data.getFeatures(), data.getLabels(), 1, 64);

        assertEquals(model.score(data, false), history.get("loss").get(0), 1e-5);
        assertEquals(Metric.ACCURACY.compute(predictions, data.getLabels()), history.get("acc").get(0), 1e-6);
        assertEquals(Metric.MAE.compute(predictions, data.getLabels()), history.get("mae").get(0), 1e-6);
    }

    @Test
    void validationValuesAgreeWithDl4jsOwnEvaluation() {
        DataSet train = threeClasses(3);
        DataSet validation = threeClasses(4);
        MultiLayerNetwork net = classifier(1e-2);

        History history = new Trainer(net, Metric.ACCURACY).quiet().fit(train.getFeatures(), train.getLabels(), 3, 50,
                validation.getFeatures(), validation.getLabels());

        Evaluation evaluation = net.evaluate(new SingletonDataSetIterator(validation));
        assertEquals(evaluation.accuracy(), history.get("val_acc").get(2), 1e-9);
        assertEquals(net.score(validation, false), history.get("val_loss").get(2), 1e-5);
        assertEquals(List.of("loss", "acc", "val_loss", "val_acc"), history.names());
    }

    /** ReLU that counts its inference-mode applications: the forward passes of validation and evaluation. */
    private static final class InferencePasses extends ActivationReLU {
        int count;

        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            count += training ? 0 : 1;
            return super.getActivation(in, training);
        }
    }

    private static int validationPasses(ILossFunction loss, Activation output, DataSet train, DataSet validation) {
        InferencePasses passes = new InferencePasses();
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(42).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(16).activation(passes).build())
                .layer(new OutputLayer.Builder(loss).nOut(3).activation(output).build())
                .build());
        net.init();

        History history = new Trainer(net, Metric.ACCURACY).quiet().fit(train.getFeatures(), train.getLabels(), 1, 50,
                validation.getFeatures(), validation.getLabels());
        int count = passes.count;

        assertEquals(net.score(validation, false), history.get("val_loss").get(0), 1e-5);
        return count;
    }

    @Test
    void aValidationBatchIsOneForwardPassUnlessDl4jMustScoreIt() {
        DataSet train = threeClasses(3);
        DataSet validation = threeClasses(4); // 200 samples: one validation batch

        assertEquals(1, validationPasses(KerasDefaults.categoricalCrossentropy(), Activation.SOFTMAX, train, validation));
        assertEquals(1, validationPasses(new LossHinge(), Activation.IDENTITY, train, validation), "any loss on identity");
        assertEquals(2, validationPasses(new LossHinge(), Activation.SIGMOID, train, validation));
    }

    @Test
    void iteratorsTrainAndValidateLikeArrays() {
        DataSet train = threeClasses(8);
        DataSet validation = threeClasses(9);
        MultiLayerNetwork net = classifier(1e-2);

        History history = new Trainer(net, Metric.ACCURACY).quiet().fit(
                new ListDataSetIterator<>(train.asList(), 25), 4, new ListDataSetIterator<>(validation.asList(), 40));

        assertEquals(4, history.epochs());
        assertTrue(history.get("loss").get(3) < history.get("loss").get(0), history.toString());
        assertEquals(net.score(validation, false), history.get("val_loss").get(3), 1e-5);
        assertEquals(Map.of("loss", history.get("val_loss").get(3), "acc", history.get("val_acc").get(3)),
                new Trainer(net, Metric.ACCURACY).evaluate(new ListDataSetIterator<>(validation.asList(), 40)));
    }

    /** Batches of 25 of {@code data}, counting those it made and the threads it made them on. */
    private static final class CountedBatches extends BatchIterator {
        private final List<DataSet> batches;
        private final List<String> makers = new ArrayList<>();
        private int next;

        CountedBatches(DataSet data) {
            super(25);
            this.batches = data.batchBy(25);
        }

        @Override
        public boolean hasNext() {
            return next < batches.size();
        }

        @Override
        public DataSet next() {
            makers.add(Thread.currentThread().getName());
            return batches.get(next++);
        }

        @Override
        public void reset() {
            next = 0;
        }

        @Override
        public int inputColumns() {
            return 8;
        }

        @Override
        public int totalOutcomes() {
            return 3;
        }
    }

    @Test
    void anIteratorIsReadAheadOnAnotherThreadAndNoBatchItMakesIsThrownAway() {
        CountedBatches train = new CountedBatches(threeClasses(8));
        CountedBatches validation = new CountedBatches(threeClasses(9));

        new Trainer(classifier(1e-2), Metric.ACCURACY).quiet().fit(train, 3, validation);

        assertEquals(3 * 8, train.makers.size(), "3 epochs of 8 batches, each made once");
        assertEquals(3 * 8, validation.makers.size());
        assertTrue(train.makers.stream().noneMatch(Thread.currentThread().getName()::equals), train.makers.toString());
    }

    @Test
    void validationSplitValidatesOnTheLastSamplesAsTheyCome() {
        DataSet data = threeClasses(6);
        Trainer trainer = new Trainer(classifier(1e-2), Metric.ACCURACY).quiet();

        History history = trainer.fit(data.getFeatures(), data.getLabels(), 2, 32, 0.2);

        // Keras: split_at = int(200 * 0.8) = 160; samples 160-199 validate, the first 160 train
        INDArrayIndex last40 = NDArrayIndex.interval(160, 200);
        Map<String, Double> lastForty = trainer.evaluate(data.getFeatures().get(last40), data.getLabels().get(last40));
        assertEquals(lastForty.get("loss"), history.get("val_loss").get(1), 1e-5);
        assertEquals(lastForty.get("acc"), history.get("val_acc").get(1), 1e-9);
        assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(data.getFeatures(), data.getLabels(), 1, 32, 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(data.getFeatures(), data.getLabels(), 1, 32, 0.999));
    }

    @Test
    void aFunctionalModelTrainsAsItsSequentialTwin() {
        DataSet data = threeClasses(5);
        MultiLayerNetwork sequential = classifier(1e-2);
        ComputationGraph functional = new ComputationGraph(KerasDefaults.network(42).updater(KerasDefaults.rmsprop(1e-2))
                .graphBuilder()
                .addInputs("input_1")
                .addLayer("dense_1", new DenseLayer.Builder().nIn(8).nOut(16).activation(Activation.RELU).build(), "input_1")
                .addLayer("dense_2", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense_1")
                .setOutputs("dense_2")
                .setInputTypes(InputType.feedForward(8))
                .build());
        functional.init();
        functional.setParams(sequential.params());

        History ofSequential = new Trainer(sequential, Metric.ACCURACY).seed(7).quiet()
                .fit(data.getFeatures(), data.getLabels(), 3, 16, 0.25);
        History ofFunctional = new Trainer(functional, Metric.ACCURACY).seed(7).quiet()
                .fit(data.getFeatures(), data.getLabels(), 3, 16, 0.25);

        assertEquals(ofSequential.names(), ofFunctional.names());
        for (String name : ofSequential.names()) {
            for (int epoch = 0; epoch < 3; epoch++) {
                assertEquals(ofSequential.get(name).get(epoch), ofFunctional.get(name).get(epoch), 1e-5, name);
            }
        }
    }

    @Test
    void sameSeedSameHistory() {
        DataSet data = threeClasses(5);
        History first = new Trainer(classifier(1e-2), Metric.ACCURACY).seed(7).quiet()
                .fit(data.getFeatures(), data.getLabels(), 3, 16);
        History second = new Trainer(classifier(1e-2), Metric.ACCURACY).seed(7).quiet()
                .fit(data.getFeatures(), data.getLabels(), 3, 16);

        assertEquals(first.asMap(), second.asMap());
    }

    @Test
    void byteDataAndRowRangesTrainAsTheirFloatCopies() {
        DataSet data = threeClasses(8);
        INDArray bytes = data.getFeatures().gt(0.5).castTo(DataType.UBYTE);
        INDArrayIndex rows = NDArrayIndex.interval(50, 200);
        History fromViews = new Trainer(classifier(1e-2), Metric.ACCURACY).seed(3).quiet()
                .fit(bytes.get(rows), data.getLabels().get(rows), 3, 32);
        History fromCopies = new Trainer(classifier(1e-2), Metric.ACCURACY).seed(3).quiet()
                .fit(bytes.get(rows).castTo(DataType.FLOAT).dup(), data.getLabels().get(rows).dup(), 3, 32);

        assertEquals(fromCopies.asMap(), fromViews.asMap());
    }

    /** Row-major data is gathered by copying rows buffer to buffer, other data by ND4J's pullRows: the same batches. */
    @Test
    void copiedBatchesAreThoseOfPullRows() {
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.rand(DataType.FLOAT, 192, 12_000);
        INDArray y = Nd4j.rand(DataType.FLOAT, 192, 1).gt(0.5).castTo(DataType.FLOAT);
        MultiLayerConfiguration conf = KerasDefaults.network(2).list()
                .layer(new DenseLayer.Builder().nIn(12_000).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(KerasDefaults.binaryCrossentropy()).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        History copied = new Trainer(KerasDefaults.initialise(new MultiLayerNetwork(conf.clone())), Metric.ACCURACY)
                .seed(4).quiet().fit(x, y, 2, 96);
        History pulled = new Trainer(KerasDefaults.initialise(new MultiLayerNetwork(conf.clone())), Metric.ACCURACY)
                .seed(4).quiet().fit(x.dup('f'), y, 2, 96); // not row-major: ND4J's pullRows

        assertEquals(pulled.asMap(), copied.asMap());
    }

    @Test
    void evaluateReturnsLossAndMetricsByKerasName() {
        DataSet data = threeClasses(6);
        MultiLayerNetwork net = classifier(1e-2);

        Map<String, Double> results = new Trainer(net, Metric.ACCURACY).evaluate(data.getFeatures(), data.getLabels());

        assertEquals(List.of("loss", "acc"), List.copyOf(results.keySet()));
        assertEquals(net.score(data, false), results.get("loss"), 1e-5);
    }

    @Test
    void mismatchedSamplesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(classifier(1e-2)).fit(Nd4j.rand(10, 8), Nd4j.rand(9, 3), 1, 4));

        assertTrue(e.getMessage().contains("10 samples"), e.getMessage());
    }

    @Test
    void progressLineHasKerasFormat() {
        assertEquals("Epoch 3/20 - 2s - loss: 0.2110 - acc: 0.9310 - val_loss: 0.2790 - val_acc: 0.8880",
                EpochProgress.line(3, 20, 2.2, values("loss", 0.2110, "acc", 0.93104, "val_loss", 0.27899, "val_acc", 0.888)));
    }

    private static Map<String, Double> values(Object... namesAndValues) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
        }
        return values;
    }
}
