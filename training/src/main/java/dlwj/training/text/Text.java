package dlwj.training.text;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The functions of Keras 2.0.8's {@code keras.preprocessing.text}: {@code text_to_word_sequence} and
 * {@code one_hot}. {@link Tokenizer} splits its texts with the first.
 */
public final class Text {

    /**
     * Keras' default {@code filters}: all ASCII punctuation except the apostrophe, plus tab and newline, so
     * that {@code don't} stays one word.
     */
    public static final String DEFAULT_FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    private Text() {
    }

    /** {@code text_to_word_sequence(text)} with Keras' defaults: the filters above, lower-cased, split at spaces. */
    public static List<String> textToWordSequence(String text) {
        return textToWordSequence(text, DEFAULT_FILTERS, true, ' ');
    }

    /**
     * {@code text_to_word_sequence(text, filters, lower, split)}: lower-cases the text if asked
     * ({@link String#toLowerCase(Locale) toLowerCase(Locale.ROOT)}, Unicode's default mapping, as Python's
     * {@code str.lower()}), turns every character of {@code filters} into {@code split}, splits at
     * {@code split} and drops the empty strings, so runs of separators make no empty words. Keras takes
     * {@code split} as a string, but under Python 3 its {@code str.maketrans(filters, split * len(filters))}
     * refuses any but one character, hence a {@code char} here.
     */
    public static List<String> textToWordSequence(String text, String filters, boolean lower, char split) {
        BitSet separators = new BitSet();
        filters.codePoints().forEach(separators::set);
        separators.set(split);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        (lower ? text.toLowerCase(Locale.ROOT) : text).codePoints().forEach(c -> {
            if (separators.get(c)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.appendCodePoint(c);
            }
        });
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * {@code one_hot(text, n)}, the hashing trick: each word of {@link #textToWordSequence(String)} becomes
     * {@code hash(word) % (n - 1) + 1}, an index from 1 to {@code n - 1} (0 is left for padding); different
     * words may share an index. Keras' {@code one_hot} uses Python's {@code hash}, which is randomised in every
     * Python 3 process ({@code PYTHONHASHSEED}), so its indices change from run to run. This one uses the
     * stable hash Keras offers for that reason, the MD5 digest read as an unsigned integer: the same indices in
     * every run, and the same as Keras 2.0.8's {@code hashing_trick(text, n, hash_function='md5')}.
     */
    public static int[] oneHot(String text, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("one_hot needs n >= 2 (its indices run from 1 to n - 1), got " + n);
        }
        BigInteger modulus = BigInteger.valueOf(n - 1);
        MessageDigest md5 = md5();
        return textToWordSequence(text).stream()
                .mapToInt(word -> new BigInteger(1, md5.digest(word.getBytes(StandardCharsets.UTF_8)))
                        .mod(modulus).intValueExact() + 1)
                .toArray();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides MD5", e);
        }
    }
}
