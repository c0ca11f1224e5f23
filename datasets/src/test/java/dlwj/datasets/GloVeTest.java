package dlwj.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.DatasetUnavailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GloVe's vectors streamed out of glove.6B.zip, as listing 6.10's embeddings_index, with each line checked. */
class GloVeTest {

    private static final List<String> WORDS = List.of("the", ",", "of", "caf\u00e9");

    @TempDir
    Path home;
    @TempDir
    Path mirror;

    /** The source of a test, with {@code zip} given as the local glove.6B.zip (not the published one). */
    private DataSource source(byte[] zip) throws Exception {
        Path file = Fixtures.write(mirror.resolve("glove.6B.zip"), zip);
        return Fixtures.offlineSource(home, mirror).withLocalFile("glove.6B.zip", file);
    }

    @Test
    void embeddingsIndexHasEveryWordInFileOrderWithItsVector() throws Exception {
        Map<String, float[]> index = GloVe.embeddingsIndex(100, source(Fixtures.gloveZip(WORDS, Map.of())));

        assertEquals(WORDS, List.copyOf(index.keySet()));
        float[] of = index.get("of");
        assertEquals(100, of.length);
        assertEquals(0.003f, of[0]);
        assertEquals(-0.006f, of[1]);
        assertEquals(0.3f, of[99] * -1);
        assertEquals(50, GloVe.embeddingsIndex(50, source(Fixtures.gloveZip(WORDS, Map.of()))).get("the").length);
    }

    @Test
    void onlyTheWordsAskedForAreKept() throws Exception {
        Map<String, float[]> index = GloVe.embeddingsIndex(300, List.of("caf\u00e9", "the", "unknownword"),
                source(Fixtures.gloveZip(WORDS, Map.of())));

        assertEquals(List.of("the", "caf\u00e9"), List.copyOf(index.keySet()));
        assertEquals(0.004f, index.get("caf\u00e9")[0]);
    }

    @Test
    void spacesAroundValuesCountAsThePythonSplitCountsThem() throws Exception {
        String text = "the  0.5 -1.25e-1 \nof 1 2 \n";
        Map<String, float[]> index = GloVe.embeddingsIndex(50, source(Fixtures.gloveZip(WORDS,
                Map.of(50, text.replace("0.5 -1.25e-1", "0.5 -1.25e-1" + " 0".repeat(48))
                        .replace("of 1 2", "of 1 2" + " 3".repeat(48))))));

        assertArrayEquals(new float[] {0.5f, -0.125f}, new float[] {index.get("the")[0], index.get("the")[1]});
        assertEquals(3f, index.get("of")[49]);
    }

    @Test
    void lineWithTheWrongDimensionNamesFileLineAndWord() throws Exception {
        String text = Fixtures.gloveText(100, WORDS).replaceFirst(" -0\\.20000\\n", "\n"); // line 2 loses its last value

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> GloVe.embeddingsIndex(100, source(Fixtures.gloveZip(WORDS, Map.of(100, text)))));

        assertTrue(e.getMessage().contains("glove.6B.100d.txt, line 2 (','): 99 numbers, expected 100"), e.getMessage());
        assertTrue(e.getMessage().endsWith("pass a valid glove.6B.zip, or drop --local-file glove.6B.zip to download it"),
                "the problem, and what to do: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void valueThatIsNotANumberNamesItsPlace() throws Exception {
        String text = Fixtures.gloveText(50, WORDS).replaceFirst("of 0\\.00300 -0\\.00600", "of 0.00300 0x1p3");

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> GloVe.embeddingsIndex(50, source(Fixtures.gloveZip(WORDS, Map.of(50, text)))));

        assertTrue(e.getMessage().contains("glove.6B.50d.txt, line 3 ('of'): value 2 is '0x1p3', not a number"),
                e.getMessage());
    }

    @Test
    void zipWithoutOneOfTheFourFilesIsNotGlove() throws Exception {
        byte[] zip = Fixtures.zip(Fixtures.files("glove.6B.50d.txt", "the 1", "glove.6B.100d.txt", "the 1"));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> GloVe.embeddingsIndex(50, source(zip)));

        assertTrue(e.getMessage().contains("is not a valid glove.6B.zip: glove.6B.zip has no entry glove.6B.200d.txt"),
                e.getMessage());
    }

    @Test
    void damagedMemberIsFoundByItsCrc() throws Exception {
        byte[] zip = Fixtures.gloveZip(WORDS, Map.of());
        zip[200] ^= 0x10; // inside glove.6B.50d.txt's deflated bytes

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> GloVe.embeddingsIndex(50, source(zip)));

        assertTrue(e.getMessage().contains("glove.6B.zip is damaged: its entry glove.6B.50d.txt has"), e.getMessage());
    }

    @Test
    void onlyGlovesDimensionsAreAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GloVe.fileName(64));

        assertEquals("GloVe 6B has vectors of [50, 100, 200, 300] dimensions, not 64", e.getMessage());
    }
}
