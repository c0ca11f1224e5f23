package dlwj.chapter07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Section 7.2.2: listing 7.7's model records its training for the UI (the browser test and the error messages are
 * training-ui's).
 */
class TrainingUiOnImdbTest {

    @TempDir
    Path dir;

    @Test
    void theRunRecordsItsStatisticsForTheUi() throws Exception {
        Fixtures.imdb(dir, 400, 100, 5);
        Path out = dir.resolve("out");
        ExampleRun run = ExampleRun.of(new TrainingUiOnImdb(), "--quick", "--epochs", "4", "--local-file",
                dir.resolve("imdb.npz").toString(), "--cache-dir", dir.toString(), "--out", out.toString());

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("embedding_1 (Embedding)      (None, 500, 128)          256,000"), run.output());
        assertTrue(run.result("best_val_acc") >= 0 && run.result("best_val_acc") <= 1);
        FileStatsStorage stats = new FileStatsStorage(out.resolve("ui-stats.bin").toFile());
        try {
            List<String> sessions = stats.listSessionIDs();
            assertEquals(1, sessions.size());
            String worker = stats.listWorkerIDsForSession(sessions.get(0)).get(0);
            // 320 training reviews in batches of 128: 3 steps an epoch, 12 in all, a report every 10
            assertTrue(stats.getNumUpdateRecordsFor(sessions.get(0), StatsListener.TYPE_ID, worker) >= 1);
        } finally {
            stats.close();
        }
    }

    @Test
    void aMissingStatsFileOrABusyPortStopsTheRunBeforeAnyWork() throws Exception {
        ExampleRun missing = ExampleRun.of(new TrainingUiOnImdb(), "--show-stats", dir.resolve("none.bin").toString(),
                "--out", dir.toString());
        assertEquals(2, missing.status(), missing.output());

        try (ServerSocket taken = new ServerSocket(0)) {
            ExampleRun busy = ExampleRun.of(new TrainingUiOnImdb(), "--ui", "--ui-port",
                    String.valueOf(taken.getLocalPort()), "--quick", "--out", dir.toString());
            assertEquals(2, busy.status(), busy.output());
            assertEquals("", busy.output(), "no data loaded, no model built");
        }
    }
}
