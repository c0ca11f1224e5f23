package dlwj.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README, the results table and the chapter guides agree on every measured number: each number of four
 * decimals in a "Measured here" cell is in the pages it is summarised from, as measured or rounded to three.
 */
class DocsNumbersTest {

    /** The docs module's folder, where the tests run. */
    private static final Path DOCS = Path.of("").toAbsolutePath();
    private static final Pattern MEASURE = Pattern.compile("\\b\\d\\.\\d{4}\\b");

    /**
     * Each row's cell of the column headed "Measured here" (else its last cell), with the row's first cell, of
     * the tables in {@code page}.
     */
    private static List<String[]> measuredCells(Path page) throws IOException {
        List<String[]> cells = new ArrayList<>();
        int measured = -1;
        for (String line : Files.readAllLines(page)) {
            String[] row = line.split("\\|");
            if (line.startsWith("| Book")) {
                measured = Arrays.asList(row).stream().map(String::strip).toList().indexOf("Measured here");
            } else if (line.startsWith("| ") && row.length >= 6) {
                cells.add(new String[] {row[1].strip(), row[measured > 0 ? measured : row.length - 1].strip()});
            }
        }
        return cells;
    }

    /**
     * The numbers of {@code cell} that {@code source} holds neither as written nor rounded to three decimals
     * (0.4845 may be 0.484 or 0.485: both round the same measurement, 0.48449 or 0.48451).
     */
    private static List<String> missing(String cell, String source) {
        List<String> missing = new ArrayList<>();
        Matcher number = MEASURE.matcher(cell);
        while (number.find()) {
            BigDecimal value = new BigDecimal(number.group());
            if (Stream.of(number.group(), value.setScale(3, RoundingMode.HALF_UP).toPlainString(),
                    value.setScale(3, RoundingMode.HALF_DOWN).toPlainString())
                    .noneMatch(written -> Pattern.compile("\\b" + Pattern.quote(written) + "(?!\\d)").matcher(source)
                            .find())) {
                missing.add(number.group());
            }
        }
        return missing;
    }

    private static String guides() throws IOException {
        try (Stream<Path> pages = Files.list(DOCS)) {
            StringBuilder all = new StringBuilder();
            for (Path page : pages.filter(p -> p.getFileName().toString().matches("chapter\\d+\\.md")).toList()) {
                all.append(Files.readString(page));
            }
            return all.toString();
        }
    }

    @Test
    void theReadmesNumbersAreTheResultsTablesOrTheGuides() throws IOException {
        String sources = Files.readString(DOCS.resolve("README.md")) + guides();
        List<String> disagreements = new ArrayList<>();
        for (String[] row : measuredCells(DOCS.resolveSibling("README.md"))) {
            missing(row[1], sources).forEach(n -> disagreements.add(row[0] + ": " + n));
        }
        assertEquals(List.of(), disagreements, "numbers of README.md found in no page of docs/");
    }

    @Test
    void theResultsTablesNumbersAreInTheChaptersGuide() throws IOException {
        List<String> disagreements = new ArrayList<>();
        for (String[] row : measuredCells(DOCS.resolve("README.md"))) {
            if (!row[0].matches("\\d+(\\.\\d+)*")) {
                continue; // not a section of the book: the benchmark's row
            }
            Path guide = DOCS.resolve(String.format("chapter%02d.md", Integer.parseInt(row[0].split("\\.")[0])));
            missing(row[1], Files.readString(guide)).forEach(n -> disagreements.add(row[0] + ": " + n));
        }
        assertEquals(List.of(), disagreements, "numbers of docs/README.md that its chapter's guide does not hold");
    }
}
