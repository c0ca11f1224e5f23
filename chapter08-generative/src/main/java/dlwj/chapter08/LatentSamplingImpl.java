package dlwj.chapter08;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link LatentSampling}'s computation: forward {@code z = mean + exp(logVar) * epsilon} with a fresh {@code epsilon}
 * from ND4J's random generator, kept for the backward pass, which gives {@code dz} to {@code z_mean} and {@code dz *
 * exp(logVar) * epsilon} to {@code z_log_var}.
 */
final class LatentSamplingImpl extends BaseGraphVertex {

    private INDArray noise;

    LatentSamplingImpl(ComputationGraph graph, String name, int index, DataType dataType) {
        super(graph, name, index, null, null, dataType);
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray mean = inputs[0];
        INDArray logVar = inputs[1];
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            noise = Nd4j.randn(mean.dataType(), mean.shape());
        }
        try (MemoryWorkspace activations = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            return Transforms.exp(logVar, true).muli(noise).addi(mean);
        }
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        try (MemoryWorkspace gradients = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATION_GRAD)) {
            INDArray toMean = epsilon.dup();
            INDArray toLogVar = Transforms.exp(inputs[1], true).muli(noise).muli(epsilon);
            return new Pair<>(null, new INDArray[] {toMean, toLogVar});
        }
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray view) {
        if (view != null) {
            throw new IllegalArgumentException("The sampling vertex " + vertexName + " has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatchSize) {
        return masks == null || masks.length == 0 ? null : new Pair<>(masks[0], state);
    }

    @Override
    public String toString() {
        return "LatentSampling(name=" + vertexName + ")";
    }
}
