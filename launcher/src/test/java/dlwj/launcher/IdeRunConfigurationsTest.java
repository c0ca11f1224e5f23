package dlwj.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IntelliJ IDEA's run configurations: the committed ones are the generator's, and the generator's are right. */
class IdeRunConfigurationsTest {

    private static final Path COMMITTED = Path.of("").toAbsolutePath().getParent().resolve(".run"); // beside launcher/

    @Test
    void theCommittedConfigurationsAreWhatTheGeneratorWrites() throws IOException {
        assertEquals(IdeRunConfigurations.of(BookRuns.all()), read(COMMITTED),
                ".run/ differs from BookRuns: ./mvnw -q -pl launcher -am test-compile exec:java@ide-configs rewrites it");
    }

    @Test
    void aRunWithArgumentsRunsItsExampleInItsModuleWithThem() {
        String augment = IdeRunConfigurations.of(BookRuns.all()).get("DogsVsCatsConvnet-augment.run.xml");

        assertTrue(augment.contains("name=\"5.2 DogsVsCatsConvnet --augment\" type=\"Application\""), augment);
        assertTrue(augment.contains("<option name=\"MAIN_CLASS_NAME\" value=\"dlwj.chapter05.DogsVsCatsConvnet\" />"));
        assertTrue(augment.contains("<module name=\"chapter05-convnets\" />"), augment);
        assertTrue(augment.contains("<option name=\"PROGRAM_PARAMETERS\" value=\"--augment\" />"), augment);
    }

    @Test
    void writesEveryConfigurationAndRemovesThoseOfRunsThatAreGone(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("Gone.run.xml"), "<component/>");
        Files.writeString(folder.resolve("notes.txt"), "mine");

        ExampleRun run = ExampleRun.of(new IdeRunConfigurations(), "--dir", folder.toString());

        assertEquals(0, run.status(), run.output());
        assertFalse(Files.exists(folder.resolve("Gone.run.xml")));
        assertTrue(Files.exists(folder.resolve("notes.txt")));
        Map<String, String> written = read(folder);
        assertEquals(IdeRunConfigurations.of(BookRuns.all()), written);
        assertEquals(BookRuns.all().size(), written.size());
    }

    /** The {@code .run.xml} files in {@code folder}, by name. */
    private static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listed = Files.list(folder)) {
            for (Path file : listed.filter(path -> path.toString().endsWith(".run.xml")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }
}
