package dlwj.datasets;

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
 */
public final class NativeRuntime {

    /** The variables and their values. */
    public static final Map<String, String> SETTINGS = Map.of(
            "OMP_WAIT_POLICY", "PASSIVE",
            "OPENBLAS_THREAD_TIMEOUT", "4");

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
