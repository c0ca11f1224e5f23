package dlwj.training.layers;

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
 * The parameters of a {@link Gru}, in Keras' layout, one after the other in the layer's view of the network's
 * parameters: the kernel {@code W} [inputs, 3 units], the recurrent kernel {@code RW} [units, 3 units] and the
 * bias {@code b} [1, 3 units], the gates' columns in the order z, r, h.
 */
final class GruParamInitializer implements ParamInitializer {

    static final String KERNEL = "W";
    static final String RECURRENT_KERNEL = "RW";
    static final String BIAS = "b";

    private static final GruParamInitializer INSTANCE = new GruParamInitializer();
    private static final List<String> KEYS = List.of(KERNEL, RECURRENT_KERNEL, BIAS);

    static GruParamInitializer getInstance() {
        return INSTANCE;
    }

    private GruParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        Gru gru = (Gru) layer;
        long gates = 3 * gru.getNOut();
        return gru.getNIn() * gates + gru.getNOut() * gates + gates;
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
        Gru gru = (Gru) conf.getLayer();
        Map<String, INDArray> params = views(gru, paramsView);
        if (initializeParams) {
            long inputs = gru.getNIn();
            long units = gru.getNOut();
            // Keras' initialisers see each matrix whole: glorot_uniform's fans are (inputs, 3 units)
            gru.getWeightInitFn().init(inputs, 3 * units, new long[] {inputs, 3 * units}, 'f',
                    params.get(KERNEL));
            gru.getWeightInitFnRecurrent().init(units, 3 * units, new long[] {units, 3 * units}, 'f',
                    params.get(RECURRENT_KERNEL));
            params.get(BIAS).assign(gru.getBiasInit());
        }
        KEYS.forEach(conf::addVariable);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((Gru) conf.getLayer(), gradientView);
    }

    /** W, RW and b as views of {@code flat}, the layer's part of the network's parameters (or gradients). */
    private static Map<String, INDArray> views(Gru gru, INDArray flat) {
        long inputs = gru.getNIn();
        long units = gru.getNOut();
        long kernelEnd = inputs * 3 * units;
        long recurrentEnd = kernelEnd + units * 3 * units;
        if (flat.length() != recurrentEnd + 3 * units) {
            throw new IllegalStateException("Gru: " + flat.length() + " parameters given, "
                    + (recurrentEnd + 3 * units) + " expected");
        }
        INDArray vector = flat.reshape(flat.length());
        Map<String, INDArray> views = Collections.synchronizedMap(new LinkedHashMap<>());
        views.put(KERNEL, vector.get(NDArrayIndex.interval(0, kernelEnd)).reshape('f', inputs, 3 * units));
        views.put(RECURRENT_KERNEL, vector.get(NDArrayIndex.interval(kernelEnd, recurrentEnd))
                .reshape('f', units, 3 * units));
        views.put(BIAS, vector.get(NDArrayIndex.interval(recurrentEnd, recurrentEnd + 3 * units))
                .reshape(1, 3 * units));
        return views;
    }
}
