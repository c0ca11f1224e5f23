package dlwj.datasets;

import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.files.RemoteFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writings of Nietzsche that book section 8.1 generates text from: Keras' {@code nietzsche.txt}, read as
 * notebook 8.1 reads it, {@code open(path).read().lower()}. The book's text has 600,893 characters, 57 of them
 * distinct, which make 200,278 sequences of 60 characters taken every 3.
 */
public final class Nietzsche {

    /**
     * Keras' {@code nietzsche.txt} (600,901 bytes, UTF-8). No checksum is published: the file must decode as
     * UTF-8 and be long enough for one sequence, and a text other than the book's is said at loading.
     */
    public static final RemoteFile TEXT = RemoteFile.of("datasets/nietzsche.txt",
            "https://s3.amazonaws.com/text-datasets/nietzsche.txt", null, 600_901, Nietzsche::check);

    /** The book's lower-cased text: its length and its distinct characters. */
    public static final int BOOK_LENGTH = 600_893;
    public static final int BOOK_CHARACTERS = 57;

    private static final Logger log = LoggerFactory.getLogger(Nietzsche.class);

    private Nietzsche() {
    }

    /** {@code open(path).read().lower()}, from {@code source}; a text other than the book's is used with a warning. */
    public static String loadText(DataSource source) {
        String text = source.load(TEXT, Nietzsche::read);
        long distinct = text.chars().distinct().count();
        if (text.length() != BOOK_LENGTH || distinct != BOOK_CHARACTERS) {
            log.warn("nietzsche.txt has {} characters, {} distinct, where the book's has {} and {}: using it, so results "
                    + "may differ from the book's", text.length(), distinct, BOOK_LENGTH, BOOK_CHARACTERS);
        }
        return text;
    }

    /** The text, lower-cased as Python's {@code str.lower} does for these characters. */
    private static String read(Path file) throws IOException {
        return decode(file).toLowerCase(Locale.ROOT);
    }

    private static void check(Path file) throws IOException {
        String text = decode(file);
        if (text.length() <= 60) {
            throw new InvalidDataFileException(file.getFileName() + " holds " + text.length()
                    + " characters: too few for one sequence of 60 and the character after it");
        }
    }

    private static String decode(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidDataFileException(file.getFileName() + " is not UTF-8 text (" + e + ")", e);
        }
    }
}
