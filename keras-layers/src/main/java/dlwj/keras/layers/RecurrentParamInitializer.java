package dlwj.keras.layers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link KerasRecurrent} layer, in Keras' layout, one after the other in the layer's view of
 * the network's parameters: the kernel {@code W} [inputs, gates x units], the recurrent kernel {@code RW}
 * [units, gates x units] and the bias {@code b} [1, gates x units], the gates' columns in Keras' order.
 */
final class RecurrentParamInitializer implements ParamInitializer {

    static final String KERNEL = "W";
    static final String RECURRENT_KERNEL = "RW";
    static final String BIAS = "b";

    private static final RecurrentParamInitializer INSTANCE = new RecurrentParamInitializer();
    private static final List<String> KEYS = List.of(KERNEL, RECURRENT_KERNEL, BIAS);

    static RecurrentParamInitializer getInstance() {
        return INSTANCE;
    }

    private RecurrentParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        KerasRecurrent recurrent = (KerasRecurrent) layer;
        long columns = recurrent.gates() * recurrent.getNOut();
        return (recurrent.getNIn() + recurrent.getNOut() + 1) * columns;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(KERNEL, RECURRENT_KERNEL);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return KERNEL.equals(key) || RECURRENT_KERNEL.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        KerasRecurrent layer = (KerasRecurrent) conf.getLayer();
        Map<String, INDArray> params = views(layer, paramsView);
        if (initializeParams) {
            long inputs = layer.getNIn();
            long units = layer.getNOut();
            long columns = layer.gates() * units;
            // Keras' initialisers see each matrix whole: glorot_uniform's fans are (inputs, gates x units)
            layer.getWeightInitFn().init(inputs, columns, new long[] {inputs, columns}, 'f', params.get(KERNEL));
            layer.getWeightInitFnRecurrent().init(units, columns, new long[] {units, columns}, 'f',
                    params.get(RECURRENT_KERNEL));
            layer.initialiseBias(params.get(BIAS));
        }
        KEYS.forEach(conf::addVariable);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((KerasRecurrent) conf.getLayer(), gradientView);
    }

    /** W, RW and b as views of {@code flat}, the layer's part of the network's parameters (or gradients). */
    private static Map<String, INDArray> views(KerasRecurrent layer, INDArray flat) {
        long inputs = layer.getNIn();
        long units = layer.getNOut();
        long columns = layer.gates() * units;
        long kernelEnd = inputs * columns;
        long recurrentEnd = kernelEnd + units * columns;
        if (flat.length() != recurrentEnd + columns) {
            throw new IllegalStateException(layer.getClass().getSimpleName() + ": " + flat.length()
                    + " parameters given, " + (recurrentEnd + columns) + " expected");
        }
        INDArray vector = flat.reshape(flat.length());
        Map<String, INDArray> views = Collections.synchronizedMap(new LinkedHashMap<>());
        views.put(KERNEL, vector.get(NDArrayIndex.interval(0, kernelEnd)).reshape('f', inputs, columns));
        views.put(RECURRENT_KERNEL, vector.get(NDArrayIndex.interval(kernelEnd, recurrentEnd))
                .reshape('f', units, columns));
        views.put(BIAS, vector.get(NDArrayIndex.interval(recurrentEnd, recurrentEnd + columns))
                .reshape(1, columns));
        return views;
    }
}
