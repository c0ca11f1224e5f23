package dlwj.keras;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings that make ND4J's native CPU backend fast, applied before it loads: they are environment
 * variables that the OpenMP and OpenBLAS runtimes read once, when loaded, so they are set in this
 * process's own environment (through the C library) at the start of every example, of {@code describe}
 * and of the benchmark, however they are started. A value the user set already is kept.
 *
 * <ul>
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE}: idle OpenMP threads sleep instead of spinning, so they don't
 *       take the cores from OpenBLAS's threads (on 2 cores, it halves the MNIST epoch).</li>
 *   <li>{@code OPENBLAS_THREAD_TIMEOUT=4}: OpenBLAS's idle workers stop yielding after 2^4 cycles.</li>
 * </ul>
 * It also turns on DL4J's layer helpers (system property {@value #HELPERS_PROPERTY}, off by default in
 * 1.0.0-M2.1), which run convolutions and poolings through oneDNN when ND4J's oneDNN build is loaded, and
 * turns off JavaCPP's check of the process's physical memory ({@value #PHYSICAL_BYTES_PROPERTY} = 0),
 * which reads {@code /proc} on every off-heap allocation: 13% of a batch-1 training step's time. ND4J's
 * own off-heap limit ({@code org.bytedeco.javacpp.maxBytes}) still holds. A value the user set is kept.
 */
public final class NativeRuntime {

    /** The variables and their values. */
    public static final Map<String, String> SETTINGS = Map.of(
            "OMP_WAIT_POLICY", "PASSIVE",
            "OPENBLAS_THREAD_TIMEOUT", "4");

    /** DL4J's switch for its oneDNN/cuDNN layer helpers ({@code DL4JSystemProperties.DISABLE_HELPER_PROPERTY}). */
    public static final String HELPERS_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    /** JavaCPP's limit on the process's physical memory, checked on every allocation unless 0. */
    public static final String PHYSICAL_BYTES_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";

    private static final Logger log = LoggerFactory.getLogger(NativeRuntime.class);
    private static boolean prepared;

    /** The C library's {@code setenv}. */
    private interface C extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private NativeRuntime() {
    }

    /** Applies the settings once; call it before the first ND4J array is made. */
    public static synchronized void prepare() {
        if (System.getProperty(HELPERS_PROPERTY) == null) {
            System.setProperty(HELPERS_PROPERTY, "false");
        }
        if (System.getProperty(PHYSICAL_BYTES_PROPERTY) == null
                && System.getProperty(PHYSICAL_BYTES_PROPERTY.toLowerCase()) == null) {
            System.setProperty(PHYSICAL_BYTES_PROPERTY, "0");
        }
        if (prepared || Platform.isWindows()) {
            prepared = true;
            return; // Windows: MSVC's OpenMP has no wait policy; OpenBLAS reads the variables set before start
        }
        try {
            C c = (C) Native.loadLibrary("c", C.class);
            SETTINGS.forEach((name, value) -> {
                if (System.getenv(name) == null) {
                    c.setenv(name, value, 0);
                }
            });
        } catch (UnsatisfiedLinkError e) {
            log.warn("Could not set {} in this process ({}); set them in the environment for full speed",
                    SETTINGS, e.getMessage());
        }
        prepared = true;
    }
}
