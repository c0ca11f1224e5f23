package dlwj.keras.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What DL4J's layer configurations do in {@code instantiate} once they have made their working layer. */
final class LayerWiring {

    private LayerWiring() {
    }

    /**
     * Gives {@code layer} its listeners, index, configuration and parameters (initialised if asked), once it is
     * sure to run on ND4J's CPU backend.
     */
    static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, ParamInitializer initializer,
                                    Collection<TrainingListener> listeners, int layerIndex, INDArray params,
                                    boolean initializeParams) {
        requireCpu(Nd4j.getEnvironment().isCPU(), conf.getLayer().getClass().getSimpleName());
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(params);
        layer.setParamTable(initializer.init(conf, params, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /**
     * Refuses to build layer {@code name} on another backend than ND4J's CPU one: this package's layers read
     * and write their arrays as host memory, which a GPU backend's arrays are not, so they would compute
     * wrong numbers there without a word.
     */
    static void requireCpu(boolean cpuBackend, String name) {
        if (!cpuBackend) {
            throw new UnsupportedBackendException("dlwj.keras.layers." + name + " runs on ND4J's CPU backend only (it reads and "
                    + "writes host memory), and this is " + Nd4j.getBackend().getClass().getSimpleName()
                    + ": build the model from DL4J's own layers, or run without -Dcuda");
        }
    }
}
