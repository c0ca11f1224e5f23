package dlwj.keras.layers;

/**
 * Comparisons without a branch, for loops over a training step's values: where about half of them fall each way
 * (ReLU's pre-activations, the maxima of pooling windows), a branch per value is mispredicted every other time
 * and costs several times the loop's arithmetic; these compile to the CPU's min/max instructions, which the JIT
 * also vectorises.
 */
final class BranchFree {

    private BranchFree() {
    }

    /** 1 where {@code z > 0}, else 0 (also for -0): any positive float times 2^252 is at least 1. */
    static float step(float z) {
        return Math.min(1f, Math.max(z * 0x1p126f * 0x1p126f, 0f));
    }
}
