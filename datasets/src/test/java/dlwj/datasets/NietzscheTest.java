package dlwj.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.DatasetUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nietzsche's text of section 8.1, read as notebook 8.1 reads it: UTF-8, lower-cased. */
class NietzscheTest {

    @TempDir
    Path home;
    @TempDir
    Path mirror;

    private DataSource source() {
        return Fixtures.offlineSource(home, mirror);
    }

    @Test
    void theTextIsLowerCasedAsPythonsLower() throws Exception {
        String text = "PREFACE\n\n\nSUPPOSING that Truth is a woman--what then? Is there not ground for suspecting "
                + "that all philosophers, in so far as they have been dogmatists, have failed to understand women? "
                + "Ä Æ É Ë";
        Fixtures.write(mirror.resolve("nietzsche.txt"), text.getBytes(StandardCharsets.UTF_8));

        String loaded = Nietzsche.loadText(source());

        assertEquals(text.toLowerCase(java.util.Locale.ROOT), loaded);
        assertTrue(loaded.startsWith("preface\n\n\nsupposing that truth is a woman"), loaded);
        assertTrue(loaded.endsWith("ä æ é ë"), loaded);
    }

    @Test
    void aFileThatIsNotUtf8OrTooShortIsRefusedInOneLine() throws Exception {
        Path latin1 = Fixtures.write(home.resolve("latin1.txt"), "caf\u00e9 ".repeat(20).getBytes(StandardCharsets.ISO_8859_1));
        Path tiny = Fixtures.write(home.resolve("tiny.txt"), "too short".getBytes(StandardCharsets.UTF_8));

        DatasetUnavailableException notUtf8 = assertThrows(DatasetUnavailableException.class,
                () -> Nietzsche.loadText(source().withLocalFile("nietzsche.txt", latin1)));
        DatasetUnavailableException tooShort = assertThrows(DatasetUnavailableException.class,
                () -> Nietzsche.loadText(source().withLocalFile("nietzsche.txt", tiny)));

        assertTrue(notUtf8.getMessage().contains("latin1.txt is not UTF-8 text"), notUtf8.getMessage());
        assertTrue(tooShort.getMessage().contains("tiny.txt holds 9 characters: too few for one sequence of 60"),
                tooShort.getMessage());
    }
}
