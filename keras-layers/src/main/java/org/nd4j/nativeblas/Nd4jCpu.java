package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * A bridge that turns DL4J 1.0.0-M2.1's oneDNN (MKL-DNN) layer helpers back on. DL4J decides whether to
 * use them ({@code BaseMKLDNNHelper.mklDnnEnabled()}) by looking up {@code org.nd4j.nativeblas.Nd4jCpu$Environment}
 * reflectively and calling {@code isUseMKLDNN()}, but ND4J moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings} and renamed the method {@code isUseONEDNN()}; the lookup
 * fails, and every convolution and pooling layer falls back to DL4J's slower Java-side implementation.
 * This class answers the lookup with the real environment's setting (read reflectively too, since the CPU
 * backend is absent when the project is built for CUDA, where DL4J never asks).
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

        public boolean isUseMKLDNN() throws ReflectiveOperationException {
            Class<?> real = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
            Object environment = real.getMethod("getInstance").invoke(null);
            Method isUseOneDnn = real.getMethod("isUseONEDNN");
            return (Boolean) isUseOneDnn.invoke(environment);
        }
    }
}
