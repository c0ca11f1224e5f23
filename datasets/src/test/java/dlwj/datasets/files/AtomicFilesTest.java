package dlwj.datasets.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing an output file: all of it or nothing, and nothing else beside it. */
class AtomicFilesTest {

    @TempDir
    Path out;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anOutputFolderHoldsWhatWasWrittenAndNoLockFile() throws IOException {
        AtomicFiles.write(out.resolve("model.zip"), temporary -> Files.writeString(temporary, "a model"));
        AtomicFiles.write(out.resolve("model.zip"), temporary -> Files.writeString(temporary, "a better model"));

        assertEquals(List.of("model.zip"), names());
        assertEquals("a better model", Files.readString(out.resolve("model.zip")));
    }

    @Test
    void aFailedWriteLeavesTheOldContentAndNothingElse() throws IOException {
        AtomicFiles.write(out.resolve("plot.png"), temporary -> Files.writeString(temporary, "old"));

        assertThrows(IOException.class, () -> AtomicFiles.write(out.resolve("plot.png"), temporary -> {
            Files.writeString(temporary, "half");
            throw new IOException("No space left on device");
        }));

        assertEquals(List.of("plot.png"), names());
        assertEquals("old", Files.readString(out.resolve("plot.png")));
    }
}
