package dlwj.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {

    private static final String README = """
            # Results

            | Book | What ran | Command | Book | Measured here | Date | Data | Guide |
            |---|---|---|---|---|---|---|---|
            | 5.2 | `DogsVsCatsConvnet` on pictures | `-Dexample=DogsVsCatsConvnet` | 0.71 | 0.743 | 2026-11-24 | local copies | [5](c5.md) |
            | 5.2 | `DogsVsCatsConvnet --augment` | same, `--augment` | 0.82 | 0.792 after 40 epochs | 2026-11-25 | downloads | [5](c5.md) |
            | 4.4 | `OverfittingAndUnderfitting` (a \\| b) | same | x | y | 2026-11-25 | downloads | [4](c4.md) |

            Text after the table, `DogsVsCatsConvnet` | not a row
            """;

    @TempDir
    Path folder;

    @Test
    void rewritesOnlyTheMeasurementOfTheNamedRow() throws Exception {
        Path file = Files.writeString(folder.resolve("README.md"), README);
        ResultsTable table = new ResultsTable(file);

        assertTrue(table.rewrite("DogsVsCatsConvnet --augment", new ResultsTable.Measurement("0.84 (a|b)",
                LocalDate.of(2026, 12, 6), "local copies")));

        List<String> lines = Files.readAllLines(file);
        assertEquals("| 5.2 | `DogsVsCatsConvnet --augment` | same, `--augment` | 0.82 | 0.84 (a\\|b) | 2026-12-06 | "
                + "local copies | [5](c5.md) |", lines.get(5));
        List<String> before = README.lines().toList();
        for (int i = 0; i < before.size(); i++) {
            if (i != 5) {
                assertEquals(before.get(i), lines.get(i), "line " + i);
            }
        }
    }

    @Test
    void keepsEscapedPipesInsideTheirCell() throws Exception {
        Path file = Files.writeString(folder.resolve("README.md"), README);

        assertTrue(new ResultsTable(file).rewrite("OverfittingAndUnderfitting", new ResultsTable.Measurement("0.28",
                LocalDate.of(2026, 12, 6), "downloads")));

        assertEquals("| 4.4 | `OverfittingAndUnderfitting` (a \\| b) | same | x | 0.28 | 2026-12-06 | downloads | [4](c4.md) |",
                Files.readAllLines(file).get(6));
    }

    @Test
    void aRunWithoutARowLeavesTheFileAsItWas() throws Exception {
        Path file = Files.writeString(folder.resolve("README.md"), README);

        assertFalse(new ResultsTable(file).rewrite("Vgg16FineTuning", new ResultsTable.Measurement("0.96",
                LocalDate.of(2026, 12, 6), "downloads")));

        assertEquals(README, Files.readString(file));
        assertEquals(List.of("DogsVsCatsConvnet", "DogsVsCatsConvnet --augment", "OverfittingAndUnderfitting"),
                new ResultsTable(file).rows());
    }
}
