package dlwj.keras.layers;

import java.util.Optional;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The working half of {@link Output}. In a training step DL4J asks the output layer for its gradient and then
 * for its score, each of which computes the pre-activation in DL4J's layer; here it is computed once per step.
 * The book's output layers (identity with MSE or MAE, softmax with categorical cross-entropy, sigmoid with binary
 * cross-entropy, without weights or masks, float) take their activation, loss and gradients in Java
 * ({@link JavaLoss}) with DL4J's definitions, and their products in Java too when small (batch x inputs x outputs
 * up to {@link SmallDense#MAX_WORK}), else by ND4J's gemm. Other output layers go through DL4J's, with the
 * gradient's pre-activation kept for the score (a copy outside DL4J's workspaces, which the backward pass's
 * scratch memory would overwrite).
 */
public class OutputImpl extends org.deeplearning4j.nn.layers.OutputLayer {

    /** The Java path's pre-activation from the gradient's forward pass, row-major, for the score. */
    private float[] javaPreActivation;
    /** The ND4J path's: a copy out of the workspaces (reused from step to step), valid while {@link #kept}. */
    private INDArray keptPreActivation;
    private boolean kept;
    private boolean inBackprop;
    /** The large Java path's product, out of the workspaces, reused from step to step. */
    private INDArray product;
    /** This layer's activation and loss in Java, if they are one of the pairs {@link JavaLoss} computes. */
    private Optional<JavaLoss> loss;

    public OutputImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        super.setInput(input, workspaceMgr);
        forget();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!throughJavaLoss(false)) {
            return super.activate(training, workspaceMgr);
        }
        int outputs = (int) weights().size(1);
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {input.size(0), outputs}, 'c');
        SmallDense.write(loss.get().activate(preActivation(), outputs), output);
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        forget();
        if (!throughJavaLoss(true)) {
            inBackprop = true;
            try {
                return super.backpropGradient(epsilon, workspaceMgr);
            } finally {
                inBackprop = false;
            }
        }
        INDArray weights = weights();
        int batch = (int) input.size(0);
        int inputs = (int) weights.size(0);
        int outputs = (int) weights.size(1);
        float[] z = preActivation();
        javaPreActivation = z;
        float[] delta = loss.get().gradient(z, SmallDense.read(labels), outputs);
        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        SmallDense.write(SmallDense.biasGradient(delta, batch, outputs), biasGradient);
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {batch, inputs}, 'c');
        if (small()) {
            float[] x = SmallDense.read(input);
            float[] w = SmallDense.read(weights);
            SmallDense.write(SmallDense.weightGradient(x, delta, batch, inputs, outputs), weightGradient);
            SmallDense.write(SmallDense.inputGradient(delta, w, batch, inputs, outputs), inputGradient);
        } else {
            INDArray deltaArray = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                    new long[] {batch, outputs}, 'c');
            SmallDense.write(delta, deltaArray);
            Nd4j.gemm(input, deltaArray, weightGradient, true, false, 1.0, 0.0);
            Nd4j.gemm(deltaArray, weights, inputGradient, false, true, 1.0, 0.0);
        }
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        return new Pair<>(gradient, inputGradient);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!throughJavaLoss(true)) {
            double score = super.computeScore(fullNetRegTerm, training, workspaceMgr);
            forget();
            return score;
        }
        float[] z = javaPreActivation != null ? javaPreActivation : preActivation();
        forget();
        double sum = loss.get().sum(z, SmallDense.read(labels), (int) weights().size(1));
        if (conf().isMiniBatch()) {
            sum /= getInputMiniBatchSize();
        }
        this.score = sum + fullNetRegTerm;
        return score;
    }

    /** DL4J's pre-activation, kept from the gradient's computation for the score that follows it. */
    @Override
    protected INDArray preOutput2d(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (kept && !inBackprop) {
            kept = false;
            return keptPreActivation;
        }
        INDArray z = super.preOutput2d(training, workspaceMgr);
        if (inBackprop) {
            // the loss' gradient overwrites z (activations backprop in place), so the score needs a copy
            if (keptPreActivation == null || !keptPreActivation.equalShapes(z) || keptPreActivation.dataType() != z.dataType()) {
                try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    keptPreActivation = Nd4j.createUninitialized(z.dataType(), z.shape(), 'c');
                }
            }
            keptPreActivation.assign(z);
            kept = true;
        }
        return z;
    }

    @Override
    public void clear() {
        super.clear();
        forget();
        keptPreActivation = null;
    }

    private void forget() {
        javaPreActivation = null;
        kept = false;
    }

    private INDArray weights() {
        return params.get(DefaultParamInitializer.WEIGHT_KEY);
    }

    /** {@code input · W + b}, row-major: in Java if the product is small, else by ND4J's gemm. */
    private float[] preActivation() {
        INDArray weights = weights();
        int batch = (int) input.size(0);
        int inputs = (int) weights.size(0);
        int outputs = (int) weights.size(1);
        float[] b = SmallDense.read(params.get(DefaultParamInitializer.BIAS_KEY));
        if (small()) {
            return SmallDense.preActivation(SmallDense.read(input), SmallDense.read(weights), b, batch, inputs, outputs);
        }
        if (product == null || product.size(0) != batch || product.size(1) != outputs) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                product = Nd4j.createUninitialized(DataType.FLOAT, new long[] {batch, outputs}, 'c');
            }
        }
        Nd4j.gemm(input, weights, product, false, false, 1.0, 0.0);
        float[] z = SmallDense.read(product);
        for (int row = 0; row < z.length; row += outputs) {
            for (int j = 0; j < outputs; j++) {
                z[row + j] += b[j];
            }
        }
        return z;
    }

    /**
     * Whether this step goes through {@link JavaLoss}: one of its pairs, float 2-d arrays, no masks, dropout,
     * weight noise or layer normalisation, outputs it {@linkplain JavaLoss#handles handles}, and (for the loss)
     * labels of the outputs' shape.
     */
    private boolean throughJavaLoss(boolean withLabels) {
        if (loss == null) {
            loss = JavaLoss.of(layerConf().getActivationFn(), layerConf().getLossFn());
        }
        INDArray weights = weights();
        return loss.isPresent() && loss.get().handles(weights.size(1))
                && SmallDense.plainStep(input, weights, params.get(DefaultParamInitializer.BIAS_KEY),
                        maskArray != null || hasLayerNorm(), layerConf())
                && (!withLabels || labels != null && SmallDense.floatMatrices(labels)
                        && labels.rank() == 2 && labels.size(0) == input.size(0) && labels.size(1) == weights.size(1));
    }

    /** Whether this (Java) step's products are small enough for {@link SmallDense}'s loops. */
    private boolean small() {
        return SmallDense.small(input, weights());
    }
}
