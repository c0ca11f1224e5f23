package dlwj.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./run} without a usable Java: one line saying what is missing and how to get it, status 1, no build. */
class LauncherScriptTest {

    private static final Path RUN = Path.of("..", "run").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Result(int status, String output) {
    }

    private static Result run(Map<String, String> environment) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", RUN.toString(), "--list").redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return new Result(process.exitValue(), output.strip());
    }

    @Test
    void javaHomeWithoutJavaSaysSo() throws Exception {
        Result result = run(Map.of("JAVA_HOME", dir.resolve("jdk").toString()));

        assertEquals(1, result.status());
        assertEquals("JAVA_HOME is " + dir.resolve("jdk") + ", which has no bin/java: point JAVA_HOME at a JDK 17 or "
                + "newer, or unset it to use the PATH's java", result.output());
    }

    @Test
    void noJavaAtAllSaysHowToGetOne() throws Exception {
        Path tools = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(tools.resolve("dirname"), Path.of("/usr/bin/dirname"));

        Result result = run(Map.of("PATH", tools.toString()));

        assertEquals(1, result.status());
        assertEquals("No Java found (no java on the PATH, JAVA_HOME not set): install a JDK 17 or newer (e.g. apt-get "
                + "install openjdk-17-jdk, brew install openjdk@17, or adoptium.net), then run again", result.output());
    }

    @Test
    void javaOlderThan17SaysWhichAndWhatIsNeeded() throws Exception {
        Path java = Files.createDirectories(dir.resolve("jdk8/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'java version \"1.8.0_292\"' >&2\n");
        assumeTrue(java.toFile().setExecutable(true));

        Result result = run(Map.of("JAVA_HOME", dir.resolve("jdk8").toString()));

        assertEquals(1, result.status());
        assertEquals(java + " is Java 1.8.0_292, and the examples need 17 or newer: install a JDK 17 or newer (e.g. "
                + "apt-get install openjdk-17-jdk, brew install openjdk@17, or adoptium.net), and set JAVA_HOME to it",
                result.output());
    }
}
