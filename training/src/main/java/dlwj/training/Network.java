package dlwj.training;

import dlwj.keras.layers.InputGradient;
import java.util.Collection;
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

/**
 * The few operations the trainer needs of a DL4J model: a {@link MultiLayerNetwork} (Keras' {@code Sequential})
 * or a {@link ComputationGraph} of one input and one output (a functional {@code Model(input, output)}).
 */
interface Network {

    static Network of(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return new Sequential(net);
        }
        if (model instanceof ComputationGraph graph) {
            if (graph.getNumInputArrays() != 1 || graph.getNumOutputArrays() != 1) {
                throw new IllegalArgumentException("The trainer takes a ComputationGraph of one input and one output, "
                        + "not " + graph.getNumInputArrays() + " and " + graph.getNumOutputArrays());
            }
            return new Graph(graph);
        }
        throw new IllegalArgumentException("Expected a MultiLayerNetwork or a ComputationGraph, got "
                + model.getClass().getSimpleName());
    }

    Model model();

    /** The data type of the network's parameters and activations, which its inputs are converted to. */
    DataType dataType();

    /** One training step on the batch; returns the batch's loss before the update (regularisation included). */
    double fit(DataSet batch);

    /** Inference-mode outputs (probabilities). */
    INDArray output(INDArray features);

    /** Inference-mode loss of a batch, regularisation included, as Keras' {@code val_loss}. */
    double loss(DataSet batch);

    /** The output layer. */
    Layer outputLayer();

    /** The regularisation penalty (L1, L2, weight decay) that DL4J adds to the loss of every batch. */
    double regularization();

    /** The model's training listeners, as a live collection. */
    Collection<TrainingListener> listeners();

    /** The output layer (inference mode) applied to its input as the training forward pass computed it. */
    INDArray outputFrom(INDArray inputToOutputLayer);

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
        public DataType dataType() {
            return net.getLayerWiseConfigurations().getDataType();
        }

        @Override
        public Collection<TrainingListener> listeners() {
            return net.getListeners();
        }

        @Override
        public double fit(DataSet batch) {
            return InputGradient.unusedDuring(() -> {
                net.fit(batch);
                return net.score();
            });
        }

        @Override
        public INDArray output(INDArray features) {
            return net.output(features, false);
        }

        @Override
        public double loss(DataSet batch) {
            return net.score(batch, false);
        }

        @Override
        public Layer outputLayer() {
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
        public INDArray outputFrom(INDArray inputToOutputLayer) {
            int last = net.getnLayers() - 1;
            InputPreProcessor preProcessor = net.getLayerWiseConfigurations().getInputPreProcess(last);
            return activate(outputLayer(), preProcessor, inputToOutputLayer, (int) inputToOutputLayer.size(0));
        }
    }

    /** A functional model of one input and one output. */
    record Graph(ComputationGraph graph) implements Network {
        @Override
        public Model model() {
            return graph;
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
        public double fit(DataSet batch) {
            return InputGradient.unusedDuring(() -> {
                graph.fit(batch);
                return graph.score();
            });
        }

        @Override
        public INDArray output(INDArray features) {
            return graph.outputSingle(false, features);
        }

        @Override
        public double loss(DataSet batch) {
            return graph.score(batch, false);
        }

        @Override
        public Layer outputLayer() {
            return graph.getOutputLayer(0);
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
        public INDArray outputFrom(INDArray inputToOutputLayer) {
            LayerVertex output = (LayerVertex) graph.getVertex(outputName());
            return activate(outputLayer(), output.getLayerPreProcessor(), inputToOutputLayer,
                    (int) inputToOutputLayer.size(0));
        }

        /** The vertex whose activations the output layer reads. */
        String inputToOutputName() {
            return graph.getConfiguration().getVertexInputs().get(outputName()).get(0);
        }

        private String outputName() {
            return graph.getConfiguration().getNetworkOutputs().get(0);
        }
    }

    private static INDArray activate(Layer layer, InputPreProcessor preProcessor, INDArray input, int batchSize) {
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = preProcessor == null ? input : preProcessor.preProcess(input, batchSize, noWorkspaces);
        return layer.activate(x, false, noWorkspaces);
    }
}
