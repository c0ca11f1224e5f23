package dlwj.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The catalogue against the docs it rewrites and the examples it runs. */
class BookRunsTest {

    private static final Path DOCS = Path.of("..", "docs"); // beside this module

    @Test
    void everyRunHasItsRowInTheResultsTable() throws Exception {
        List<String> rows = new ResultsTable(DOCS.resolve("README.md")).rows();
        for (BookRun run : BookRuns.all()) {
            assertTrue(rows.contains(run.name()), "docs/README.md has no row for `" + run.name() + "`");
        }
        assertEquals(BookRuns.all().size(), BookRuns.all().stream().map(BookRun::name).distinct().count());
    }

    @Test
    void everyRunTakesQuickAsTheReadmePromises() {
        for (BookRun run : BookRuns.all()) {
            CommandLine command = new CommandLine(run.example().get());
            assertDoesNotThrow(() -> command.parseArgs(run.args(Profile.QUICK).toArray(String[]::new)), run.name());
            assertTrue(command.getCommandSpec().findOption("--quick") != null, run.name() + " does not take --quick");
        }
    }

    @Test
    void everyProfilesArgumentsAreOptionsOfTheExample() {
        for (BookRun run : BookRuns.all()) {
            for (Profile profile : Profile.values()) {
                CommandLine command = new CommandLine(run.example().get());
                assertDoesNotThrow(() -> command.parseArgs(run.args(profile).toArray(String[]::new)),
                        run.name() + " " + profile);
                assertEquals(run.exampleName(), command.getCommandName());
            }
        }
    }

    @Test
    void theFiguresItRewritesAreTheGuidesFigures() throws Exception {
        for (BookRun run : BookRuns.all()) {
            for (String figure : run.figures().values()) {
                Path image = DOCS.resolve("images").resolve(figure);
                assertTrue(Files.exists(image), run.name() + ": " + image);
                String guide = Files.readString(DOCS.resolve(figure.substring(0, figure.indexOf('/')) + ".md"));
                assertTrue(guide.contains("images/" + figure), figure + " is not shown in its chapter's guide");
            }
        }
    }
}
