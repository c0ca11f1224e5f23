package dlwj.training.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user can get wrong when opening the UI: one line each, before any server starts. */
class TrainingUiTest {

    @TempDir
    Path dir;

    @Test
    void aMissingStatsFileIsNamed() {
        Path missing = dir.resolve("nothing.bin");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingUi.open(missing, 9000));

        assertEquals("No stats file at " + missing + ": give the ui-stats.bin that ./run 7.2.2 wrote in its output "
                + "folder", e.getMessage());
    }

    @Test
    void aFileThatIsNoStatsFileIsSaidSo() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.bin"), "not a stats file\n".repeat(100));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingUi.open(text, TrainingUiBrowserTest.freePort()));

        assertTrue(e.getMessage().startsWith(text + " is not a stats file DL4J's UI can read ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("): record one again with ./run 7.2.2"), e.getMessage());
    }

    @Test
    void aPortInUseIsSaidBeforeAnyWork() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainingUi.record(null, dir.resolve("ui-stats.bin"), java.util.Optional.of(taken.getLocalPort())));

            assertTrue(e.getMessage().startsWith("Port " + taken.getLocalPort() + " is in use ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("): give the UI another with --ui-port N"), e.getMessage());
        }
    }
}
