package dlwj.chapter03;

import dlwj.keras.layers.Dense;
import dlwj.keras.layers.Output;
import dlwj.training.KerasDefaults;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Book listing 3.26's Boston housing model, for chapter 3's example and chapter 4's evaluation and
 * preprocessing examples: {@code Dense(64, relu)}, {@code Dense(64, relu)}, {@code Dense(1)} on the 13
 * normalised features; RMSprop, mse loss (train it with {@code Metric.MAE}).
 */
public final class BostonHousingModel {

    private BostonHousingModel() {
    }

    /** A fresh, initialised model (one per fold in K-fold validation). */
    public static MultiLayerNetwork build(long seed) {
        MultiLayerNetwork model = new MultiLayerNetwork(KerasDefaults.network(seed).list()
                .layer(new Dense.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new Dense.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new Output.Builder(LossFunctions.LossFunction.MSE).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(13))
                .build());
        KerasDefaults.initialise(model);
        return model;
    }
}
