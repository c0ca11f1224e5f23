package dlwj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuredResultsTest {

    @TempDir
    Path dir;

    @Test
    void recordsInOrderAndReadsBack() throws IOException {
        MeasuredResults results = new MeasuredResults(dir.resolve("out/Example-results.json"));
        results.record("test_acc", 0.88561);
        results.record("all_scores", 2.08, 2.29, 2.86);
        results.record("best_epoch", 4);
        results.record("test_acc", 0.9); // recorded again: the last value counts

        Map<String, List<Double>> read = MeasuredResults.read(results.file());
        assertEquals(List.of("test_acc", "all_scores", "best_epoch"), List.copyOf(read.keySet()));
        assertEquals(List.of(2.08, 2.29, 2.86), read.get("all_scores"));
        assertEquals("test_acc 0.9000, all_scores [2.080, 2.290, 2.860], best_epoch 4", MeasuredResults.format(read));
        assertEquals(List.of(), Files.list(dir.resolve("out")).filter(f -> f.toString().endsWith(".part")).toList());
    }

    @Test
    void formatsWithFourSignificantDigits() {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        values.put("loss", List.of(0.29123));
        values.put("mae", List.of(12.3456));
        values.put("tiny", List.of(1.7e-13));
        assertEquals("loss 0.2912, mae 12.35, tiny 1.700e-13", MeasuredResults.format(values));
    }

    @Test
    void aFileThatIsNotResultsSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("x.json"), "[1, 2]");
        IOException e = assertThrows(IOException.class, () -> MeasuredResults.read(file));
        assertEquals(true, e.getMessage().startsWith(file + " is not a results file"), e.getMessage());
    }
}
