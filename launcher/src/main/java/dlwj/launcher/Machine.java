package dlwj.launcher;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a result was measured on, as the results table names it: "2 cores, AMD EPYC 9R14, 24 GB". */
final class Machine {

    private Machine() {
    }

    static String describe() {
        long bytes = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format(Locale.ROOT, "%d cores, %s, %d GB", Runtime.getRuntime().availableProcessors(),
                processor(), Math.round(bytes / (double) (1L << 30)));
    }

    /** The CPU's model name where Linux tells it, else the architecture. */
    private static String processor() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " "))
                    .findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException | SecurityException e) {
            return System.getProperty("os.arch");
        }
    }
}
