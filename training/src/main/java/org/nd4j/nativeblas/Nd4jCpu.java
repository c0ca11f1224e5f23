package org.nd4j.nativeblas;

/**
 * A bridge that turns DL4J 1.0.0-M2.1's oneDNN (MKL-DNN) layer helpers back on. DL4J decides whether to
 * use them ({@code BaseMKLDNNHelper.mklDnnEnabled()}) by looking up {@code org.nd4j.nativeblas.Nd4jCpu$Environment}
 * reflectively and calling {@code isUseMKLDNN()}, but ND4J moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings} and renamed the method {@code isUseONEDNN()}; the lookup
 * fails, and every convolution, pooling and batch-norm layer falls back to DL4J's slower Java-side
 * implementation. This class answers the lookup with the real environment's setting.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The one method DL4J calls: whether libnd4j was built with, and allows, oneDNN. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
