package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.Metric;
import dlwj.training.Trainer;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** What the recurrent layers' tests share: a network of one layer, inputs in Keras' layout, a small task. */
final class RecurrentFixtures {

    private RecurrentFixtures() {
    }

    /** A network of {@code layer} alone, in double precision, initialised, with its gradients' view. */
    static MultiLayerNetwork alone(Layer layer, int features) {
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(7).dataType(DataType.DOUBLE).list()
                .layer(layer)
                .setInputType(InputType.recurrent(features))
                .build());
        KerasDefaults.initialise(net);
        net.initGradientsView();
        return net;
    }

    /** [batch, features, time] from rows (example 0 steps 0..T-1, then example 1, ...) of Keras' layout. */
    static INDArray ncw(double[][] rows, int batch) {
        int steps = rows.length / batch;
        return Nd4j.createFromArray(rows).reshape('c', batch, steps, rows[0].length).permute(0, 2, 1).dup('c');
    }

    /** Sequences of 10 steps of two noisy features; the label: is the first feature's sum over the steps positive. */
    static DataSet sumOfTheFirstFeature(int samples, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, samples, 2, 10).subi(0.5);
        INDArray y = x.get(all(), point(0), all()).sum(1).gt(0).castTo(DataType.FLOAT).reshape(samples, 1);
        return new DataSet(x, y);
    }

    /** Trains {@code net} 15 epochs on the sum task through the Trainer: the loss falls, the accuracy rises. */
    static void assertLearnsTheSum(MultiLayerNetwork net) {
        DataSet train = sumOfTheFirstFeature(256, 1);
        DataSet validation = sumOfTheFirstFeature(128, 2);

        History history = new Trainer(net, Metric.ACCURACY).quiet().seed(1)
                .fit(train.getFeatures(), train.getLabels(), 15, 32, validation.getFeatures(), validation.getLabels());

        List<Double> loss = history.get("loss");
        assertTrue(loss.get(loss.size() - 1) < 0.6 * loss.get(0), "training loss " + loss);
        List<Double> accuracy = history.get("val_acc");
        assertTrue(Collections.max(accuracy.subList(10, 15)) > 0.85, "validation accuracy " + accuracy);
    }
}
