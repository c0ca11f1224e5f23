package dlwj.launcher;

import dlwj.cli.Examples;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes IntelliJ IDEA's shared run configurations, one per run of {@link BookRuns} ({@code .run/*.run.xml},
 * named by book section and run: "3.5 ReutersNewswires"), and removes those of runs that are gone. Run from
 * the repository's root: {@code ./mvnw -q -pl launcher -am test-compile exec:java@ide-configs}.
 */
@Command(name = "ide-configs", mixinStandardHelpOptions = true,
        description = "Writes IntelliJ IDEA's run configurations of every example of chapters 2-8 into .run/.")
public final class IdeRunConfigurations implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".run",
            description = "The folder IntelliJ IDEA reads them from (default: ${DEFAULT-VALUE}).")
    Path dir;

    public static void main(String[] args) {
        Examples.main(new IdeRunConfigurations(), args);
    }

    @Override
    public Integer call() throws IOException {
        Map<String, String> files = of(BookRuns.all());
        Files.createDirectories(dir);
        try (Stream<Path> existing = Files.list(dir)) {
            for (Path stale : existing.filter(file -> file.toString().endsWith(".run.xml")
                    && !files.containsKey(file.getFileName().toString())).toList()) {
                Files.delete(stale);
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        System.out.printf("Wrote %d run configurations to %s%n", files.size(), dir);
        return 0;
    }

    /** The files' names and contents: {@code DogsVsCatsConvnet-augment.run.xml} for "DogsVsCatsConvnet --augment". */
    static Map<String, String> of(List<BookRun> runs) {
        Map<String, String> files = new TreeMap<>();
        for (BookRun run : runs) {
            files.put(run.name().replaceAll("[^A-Za-z0-9]+", "-") + ".run.xml", configuration(run));
        }
        return files;
    }

    /** An "Application" configuration in the example's module, run from the project's folder like {@code ./run}. */
    private static String configuration(BookRun run) {
        Class<?> example = run.example().get().getClass();
        String args = String.join(" ", run.args(Profile.BOOK));
        return "<component name=\"ProjectRunConfigurationManager\">\n"
                + "  <configuration default=\"false\" name=\"" + xml(run.book() + " " + run.name())
                + "\" type=\"Application\" factoryName=\"Application\">\n"
                + "    <option name=\"MAIN_CLASS_NAME\" value=\"" + example.getName() + "\" />\n"
                + "    <module name=\"" + module(example) + "\" />\n"
                + (args.isEmpty() ? "" : "    <option name=\"PROGRAM_PARAMETERS\" value=\"" + xml(args) + "\" />\n")
                + "    <option name=\"WORKING_DIRECTORY\" value=\"$PROJECT_DIR$\" />\n"
                + "    <method v=\"2\">\n"
                + "      <option name=\"Make\" enabled=\"true\" />\n"
                + "    </method>\n"
                + "  </configuration>\n"
                + "</component>\n";
    }

    /**
     * The Maven module that holds {@code example}, as IntelliJ IDEA names it: its artifactId, which is the name
     * of its folder (the one with the {@code pom.xml} above its {@code target/classes} or jar).
     */
    private static String module(Class<?> example) {
        try {
            Path location = Path.of(example.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path folder = location; folder != null; folder = folder.getParent()) {
                if (Files.exists(folder.resolve("pom.xml"))) {
                    return folder.getFileName().toString();
                }
            }
            throw new IllegalStateException(example.getName() + " is not built in this project's modules: " + location);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
