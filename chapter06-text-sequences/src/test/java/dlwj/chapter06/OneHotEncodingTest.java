package dlwj.chapter06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listings 6.1-6.4 on the book's two samples: the book's token counts and shapes, the ones where they belong. */
class OneHotEncodingTest {

    @TempDir
    Path dir;

    @Test
    void encodesTheBooksSamplesAsTheNotebookDoes() {
        ExampleRun run = ExampleRun.of(new OneHotEncoding(), "--out", dir.toString());

        assertEquals(0, run.status(), run.output());
        // str.split() keeps case and punctuation: The, cat, sat, on, the, mat., dog, ate, my, homework.
        assertTrue(run.output().contains("token_index = {The=1, cat=2, sat=3, on=4, the=5, mat.=6, dog=7, ate=8, my=9, "
                + "homework.=10}"), run.output());
        assertEquals(List.of(2.0, 10.0, 11.0), run.results("word_level_shape"));
        assertTrue(run.output().contains("  sample 0: [1, 2, 3, 4, 5, 6]\n  sample 1: [1, 7, 8, 9, 10]"), run.output());
        // string.printable has 100 characters; 'T' is the 56th (10 digits, 26 lower-case, then A..T)
        assertEquals(List.of(2.0, 50.0, 101.0), run.results("character_level_shape"));
        assertTrue(run.output().contains("  sample 0: [56, 18, 15, 95, 13, 11, 30, 95"), run.output());
        // the Tokenizer lower-cases and strips punctuation: the, cat, sat, on, mat, dog, ate, my, homework
        assertEquals(9.0, run.result("unique_tokens"));
        assertTrue(run.output().contains("sequences = [[1, 2, 3, 4, 1, 5], [1, 6, 7, 8, 9]]"), run.output());
        assertEquals(List.of(2.0, 1000.0), run.results("one_hot_results_shape"));
        assertTrue(run.output().contains("hashed words: shape (2, 10, 1000)"), run.output());
    }

    @Test
    void printableIsPythonsStringPrintable() {
        assertEquals(100, OneHotEncoding.PRINTABLE.length());
        assertEquals(100, OneHotEncoding.PRINTABLE.chars().distinct().count());
    }
}
