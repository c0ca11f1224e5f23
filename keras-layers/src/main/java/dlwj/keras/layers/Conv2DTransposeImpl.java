package dlwj.keras.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.params.DeconvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The working half of {@link Conv2DTranspose}. A transposed convolution from {@code in} to {@code out} channels is
 * the input gradient of the convolution from {@code out} to {@code in} channels with the same kernel, so:
 * forward, {@code conv2d_bp} of that convolution with this layer's input as its output gradient (its weight
 * gradient, of a stand-in input, is not used); backward, the input's gradient is that convolution of the output's
 * gradient ({@code conv2d}), and the kernel's gradient is the convolution's weight gradient with the output's
 * gradient as its input and this layer's input as its output gradient ({@code conv2d_bp} again). The kernel is
 * {@code Deconvolution2D}'s {@code [in, out, height, width]}, seen as the convolution's {@code [height, width, out,
 * in]}. A layer with dilation, NHWC data or another mode than {@code Same} and {@code Truncate} is left to DL4J's
 * implementation.
 */
public class Conv2DTransposeImpl extends Deconvolution2DLayer {

    public Conv2DTransposeImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        if (!computedHere()) {
            return super.preOutput(training, forBackprop, workspaceMgr);
        }
        INDArray kernel = convolutionKernel(training, workspaceMgr);
        long[] outputShape = outputShape();
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, kernel.dataType(), outputShape, 'c');
        INDArray standInInput = workspaceMgr.create(ArrayType.FF_WORKING_MEM, kernel.dataType(), outputShape, 'c');
        INDArray unusedKernelGradient = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, kernel.dataType(),
                kernel.shape(), 'c');
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(standInInput, kernel, input)
                .addIntegerArguments(convolutionArguments()).addOutputs(output, unusedKernelGradient).build());
        if (layerConf().hasBias()) {
            INDArray bias = getParamWithNoise(DeconvolutionParamInitializer.BIAS_KEY, training, workspaceMgr);
            Nd4j.exec(new BroadcastAddOp(output, bias.reshape(bias.length()), output, 1));
        }
        return new Pair<>(output, null);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!computedHere()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray kernel = convolutionKernel(true, workspaceMgr);
        INDArray preOutput = preOutput(true, true, workspaceMgr).getFirst();
        INDArray delta = layerConf().getActivationFn().backprop(preOutput, epsilon).getFirst();

        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                input.shape(), 'c');
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(delta, kernel)
                .addIntegerArguments(convolutionArguments()).addOutputs(inputGradient).build());

        INDArray unusedDeltaGradient = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, delta.dataType(),
                delta.shape(), 'c');
        INDArray kernelGradient = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, delta.dataType(),
                kernel.shape(), 'c');
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(delta, kernel, input)
                .addIntegerArguments(convolutionArguments()).addOutputs(unusedDeltaGradient, kernelGradient).build());

        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(DeconvolutionParamInitializer.WEIGHT_KEY);
        weightGradient.assign(kernelGradient.permute(3, 2, 0, 1));
        if (layerConf().hasBias()) {
            INDArray biasGradient = gradientViews.get(DeconvolutionParamInitializer.BIAS_KEY);
            biasGradient.assign(delta.sum(0, 2, 3).reshape(biasGradient.shape()));
            gradient.setGradientFor(DeconvolutionParamInitializer.BIAS_KEY, biasGradient);
        }
        gradient.setGradientFor(DeconvolutionParamInitializer.WEIGHT_KEY, weightGradient, 'c');
        weightNoiseParams.clear();
        return new Pair<>(gradient, inputGradient);
    }

    private boolean computedHere() {
        ConvolutionLayer conf = layerConf();
        return conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && (conf.getConvolutionMode() == ConvolutionMode.Same
                    || conf.getConvolutionMode() == ConvolutionMode.Truncate)
                && conf.getDilation()[0] == 1 && conf.getDilation()[1] == 1;
    }

    /** The kernel {@code [in, out, height, width]} as the transposed convolution's {@code [height, width, out, in]}. */
    private INDArray convolutionKernel(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return getParamWithNoise(DeconvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr).permute(2, 3, 1, 0);
    }

    /** {@code [batch, out, height, width]}, as DL4J's layer computes it. */
    private long[] outputShape() {
        ConvolutionLayer conf = layerConf();
        int[] size = ConvolutionUtils.getDeconvolutionOutputSize(input, conf.getKernelSize(), conf.getStride(),
                conf.getPadding(), conf.getConvolutionMode(), conf.getDilation(), CNN2DFormat.NCHW);
        return new long[] {input.size(0), conf.getNOut(), size[0], size[1]};
    }

    /** The convolution's: kernel, strides, padding, dilation, 'same' or not, NCHW. */
    private int[] convolutionArguments() {
        ConvolutionLayer conf = layerConf();
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
        int[] padding = same ? new int[] {0, 0} : conf.getPadding();
        return new int[] {kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], 1, 1, same ? 1 : 0, 0};
    }
}
