package dlwj.keras;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.RmsPropUpdater;
import org.nd4j.linalg.learning.config.RmsProp;

/**
 * Keras' RMSprop: {@code a = rho * a + (1 - rho) * g^2}, {@code update = lr * g / (sqrt(a) + epsilon)}, the
 * accumulator {@code a} starting at zero as Keras' does (DL4J's {@link RmsProp} starts it at epsilon).
 *
 * <p>The arithmetic is DL4J's, but the update runs as one pass of the JVM's vectorised loops over the
 * parameters, in blocks that stay in the CPU's cache: ND4J 1.0.0-M2.1's native RMSprop op takes about 1 ms
 * per step for the MNIST network's 407,050 parameters, this about 0.2 ms.
 * Parameters that are not contiguous floats are left to DL4J's op.
 */
public class KerasRmsProp extends RmsProp {

    /** Needed by DL4J's JSON form of the configuration (saved models, checkpoints). */
    public KerasRmsProp() {
    }

    /** RMSprop with these settings (Keras: {@code RMSprop(lr=learningRate, rho=rho, epsilon=epsilon)}). */
    public KerasRmsProp(double learningRate, double rho, double epsilon) {
        super(learningRate, rho, epsilon);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater updater = new Updater(this);
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public KerasRmsProp clone() {
        KerasRmsProp copy = new KerasRmsProp(getLearningRate(), getRmsDecay(), getEpsilon());
        copy.setLearningRateSchedule(getLearningRateSchedule() == null ? null : getLearningRateSchedule().clone());
        return copy;
    }

    /** The state and the step of one block of parameters. */
    static final class Updater extends RmsPropUpdater {

        /** Elements per block: the two blocks' 32 KB stay in the L1/L2 cache between reading and writing. */
        private static final int BLOCK = 4096;

        private final float[] accumulator = new float[BLOCK];
        private final float[] gradient = new float[BLOCK];

        Updater(RmsProp config) {
            super(config);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char order, boolean initialize) {
            super.setStateViewArray(viewArray, gradientShape, order, initialize);
            if (initialize) {
                viewArray.assign(0);
            }
        }

        @Override
        public void applyUpdater(INDArray gradientView, int iteration, int epoch) {
            INDArray state = getLastGradient();
            if (!isContiguousFloat(gradientView) || !isContiguousFloat(state) || state.length() != gradientView.length()) {
                super.applyUpdater(gradientView, iteration, epoch);
                return;
            }
            float learningRate = (float) getConfig().getLearningRate(iteration, epoch);
            float rho = (float) getConfig().getRmsDecay();
            float epsilon = (float) getConfig().getEpsilon();
            FloatBuffer stateBuffer = floats(state);
            FloatBuffer gradientBuffer = floats(gradientView);
            int stateOffset = (int) state.offset();
            int gradientOffset = (int) gradientView.offset();
            long length = gradientView.length();
            for (int start = 0; start < length; start += BLOCK) {
                int size = (int) Math.min(BLOCK, length - start);
                stateBuffer.get(stateOffset + start, accumulator, 0, size);
                gradientBuffer.get(gradientOffset + start, gradient, 0, size);
                for (int i = 0; i < size; i++) {
                    float g = gradient[i];
                    float a = rho * accumulator[i] + (1 - rho) * g * g;
                    accumulator[i] = a;
                    gradient[i] = learningRate * g / ((float) Math.sqrt(a) + epsilon);
                }
                stateBuffer.put(stateOffset + start, accumulator, 0, size);
                gradientBuffer.put(gradientOffset + start, gradient, 0, size);
            }
        }

        private static boolean isContiguousFloat(INDArray array) {
            return array.dataType() == DataType.FLOAT && array.elementWiseStride() == 1
                    && array.offset() + array.length() <= Integer.MAX_VALUE;
        }

        private static FloatBuffer floats(INDArray array) {
            return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
    }
}
