package dlwj.training.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What DL4J's layer configurations do in {@code instantiate} once they have made their working layer. */
final class LayerWiring {

    private LayerWiring() {
    }

    /** Gives {@code layer} its listeners, index, configuration and parameters (initialised if asked). */
    static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, ParamInitializer initializer,
                                    Collection<TrainingListener> listeners, int layerIndex, INDArray params,
                                    boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(params);
        layer.setParamTable(initializer.init(conf, params, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
