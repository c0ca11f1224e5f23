package dlwj.training;

import dlwj.keras.layers.InputGradient;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The few operations the trainer needs of a DL4J model: a {@link MultiLayerNetwork} (Keras' {@code Sequential})
 * or a {@link ComputationGraph} (a functional {@code Model(inputs, outputs)}, of one or several of each). A batch
 * is a {@link MultiDataSet}: one array per input and one per output, in the model's order.
 */
interface Network {

    static Network of(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return new Sequential(net);
        }
        if (model instanceof ComputationGraph graph) {
            return new Graph(graph);
        }
        throw new IllegalArgumentException("Expected a MultiLayerNetwork or a ComputationGraph, got "
                + model.getClass().getSimpleName());
    }

    Model model();

    /** The names of the inputs, in the order the model takes them. */
    List<String> inputNames();

    /** The names of the outputs (Keras' output layer names, which name their losses and metrics), in order. */
    List<String> outputNames();

    /** The data type of the network's parameters and activations, which its inputs are converted to. */
    DataType dataType();

    /** One training step on the batch; returns the batch's loss before the update (regularisation included). */
    double fit(MultiDataSet batch);

    /** Inference-mode outputs (probabilities), one per output. */
    INDArray[] output(INDArray[] features);

    /** Inference-mode loss of a batch, regularisation included, as Keras' {@code val_loss}. */
    double loss(MultiDataSet batch);

    /** The layer of output {@code output}. */
    Layer outputLayer(int output);

    /** The regularisation penalty (L1, L2, weight decay) that DL4J adds to the loss of every batch. */
    double regularization();

    /** The model's training listeners, as a live collection. */
    Collection<TrainingListener> listeners();

    /** Output layer {@code output} (inference mode) applied to its input as the training forward pass computed it. */
    INDArray outputFrom(int output, INDArray inputToOutputLayer);

    /** The learning rate of the first layer that has one (every layer's, as Keras has one optimizer). */
    double learningRate();

    /** Sets every layer's learning rate, from the next step. */
    void setLearningRate(double value);

    record Sequential(MultiLayerNetwork net) implements Network {
        @Override
        public Model model() {
            return net;
        }

        @Override
        public List<String> inputNames() {
            return List.of("input");
        }

        @Override
        public List<String> outputNames() {
            return List.of(net.getOutputLayer().conf().getLayer().getLayerName());
        }

        @Override
        public DataType dataType() {
            return net.getLayerWiseConfigurations().getDataType();
        }

        @Override
        public Collection<TrainingListener> listeners() {
            return net.getListeners();
        }

        @Override
        public double fit(MultiDataSet batch) {
            return InputGradient.unusedDuring(() -> {
                net.fit(dataSet(batch));
                return net.score();
            });
        }

        @Override
        public INDArray[] output(INDArray[] features) {
            return new INDArray[] {net.output(features[0], false)};
        }

        @Override
        public double loss(MultiDataSet batch) {
            return net.score(dataSet(batch), false);
        }

        @Override
        public Layer outputLayer(int output) {
            return net.getOutputLayer();
        }

        @Override
        public double regularization() {
            return net.calcRegularizationScore(true);
        }

        @Override
        public double learningRate() {
            for (int i = 0; i < net.getnLayers(); i++) {
                Double rate = net.getLearningRate(i);
                if (rate != null) {
                    return rate;
                }
            }
            throw new IllegalStateException("No layer of the model has a learning rate");
        }

        @Override
        public void setLearningRate(double value) {
            net.setLearningRate(value);
        }

        @Override
        public INDArray outputFrom(int output, INDArray inputToOutputLayer) {
            int last = net.getnLayers() - 1;
            InputPreProcessor preProcessor = net.getLayerWiseConfigurations().getInputPreProcess(last);
            return activate(net.getOutputLayer(), preProcessor, inputToOutputLayer, (int) inputToOutputLayer.size(0));
        }

        private static DataSet dataSet(MultiDataSet batch) {
            return new DataSet(batch.getFeatures(0), batch.getLabels(0), batch.getFeaturesMaskArray(0),
                    batch.getLabelsMaskArray(0));
        }
    }

    /** A functional model. */
    record Graph(ComputationGraph graph) implements Network {
        @Override
        public Model model() {
            return graph;
        }

        @Override
        public List<String> inputNames() {
            return graph.getConfiguration().getNetworkInputs();
        }

        @Override
        public List<String> outputNames() {
            return graph.getConfiguration().getNetworkOutputs();
        }

        @Override
        public DataType dataType() {
            return graph.getConfiguration().getDataType();
        }

        @Override
        public Collection<TrainingListener> listeners() {
            return graph.getListeners();
        }

        @Override
        public double fit(MultiDataSet batch) {
            return InputGradient.unusedDuring(() -> {
                graph.fit(batch);
                return graph.score();
            });
        }

        @Override
        public INDArray[] output(INDArray[] features) {
            return graph.output(false, features);
        }

        @Override
        public double loss(MultiDataSet batch) {
            return graph.score(batch, false);
        }

        @Override
        public Layer outputLayer(int output) {
            return graph.getOutputLayer(output);
        }

        @Override
        public double regularization() {
            return graph.calcRegularizationScore(true);
        }

        @Override
        public double learningRate() {
            for (Layer layer : graph.getLayers()) {
                Double rate = graph.getLearningRate(layer.conf().getLayer().getLayerName());
                if (rate != null) {
                    return rate;
                }
            }
            throw new IllegalStateException("No layer of the model has a learning rate");
        }

        @Override
        public void setLearningRate(double value) {
            graph.setLearningRate(value);
        }

        @Override
        public INDArray outputFrom(int output, INDArray inputToOutputLayer) {
            LayerVertex vertex = (LayerVertex) graph.getVertex(outputNames().get(output));
            return activate(outputLayer(output), vertex.getLayerPreProcessor(), inputToOutputLayer,
                    (int) inputToOutputLayer.size(0));
        }

        /** The vertex whose activations output layer {@code output} reads. */
        String inputToOutputName(int output) {
            return graph.getConfiguration().getVertexInputs().get(outputNames().get(output)).get(0);
        }
    }

    private static INDArray activate(Layer layer, InputPreProcessor preProcessor, INDArray input, int batchSize) {
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = preProcessor == null ? input : preProcessor.preProcess(input, batchSize, noWorkspaces);
        return layer.activate(x, false, noWorkspaces);
    }
}
