package dlwj.chapter03;

import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Book listing 3.26's Boston housing model, for chapter 3's example and chapter 4's evaluation and
 * preprocessing examples: {@code Dense(64, relu)}, {@code Dense(64, relu)}, {@code Dense(1)} on the 13
 * normalised features; RMSprop, mse loss (train it with {@code Metric.MAE}).
 */
public final class BostonHousingModel {

    private BostonHousingModel() {
    }

    /** A fresh, initialised model (one per fold in K-fold validation) of {@code layers}. */
    public static MultiLayerNetwork build(LayerChoice layers, long seed) {
        return layers.initialise(new MultiLayerNetwork(KerasDefaults.network(seed).list()
                .layer(layers.dense(64, Activation.RELU))
                .layer(layers.dense(64, Activation.RELU))
                .layer(layers.output(1, Activation.IDENTITY, new LossMSE()))
                .setInputType(InputType.feedForward(13))
                .build()));
    }
}
