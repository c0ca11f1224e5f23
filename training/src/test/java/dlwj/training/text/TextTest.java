package dlwj.training.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values from Keras 2.0.8's own text.py (tag 2.0.8), run with Python 3.11. */
class TextTest {

    @Test
    void defaultFiltersLowerCaseAndDropEmptyWords() {
        assertEquals(List.of("hello", "world", "it's", "a", "test", "done"),
                Text.textToWordSequence("Hello, World!\tIt's   a\n(test)--DONE"));
    }

    @Test
    void noFiltersAndNoLowerCaseKeepTheTextAsItIs() {
        assertEquals(List.of("Hello,", "World!", "It's"),
                Text.textToWordSequence("Hello, World! It's", "", false, ' '));
    }

    @Test
    void anotherSplitCharacterSeparatesWords() {
        assertEquals(List.of("a b", "c"), Text.textToWordSequence("a b|c||", "", true, '|'));
    }

    @Test
    void oneHotIsKerasHashingTrickWithMd5() {
        // hashing_trick("The cat sat on the mat.", 1000, hash_function='md5')
        assertArrayEquals(new int[] {132, 759, 622, 379, 132, 962}, Text.oneHot("The cat sat on the mat.", 1000));
        assertArrayEquals(new int[] {1, 1}, Text.oneHot("The cat", 2));
    }

    @Test
    void oneHotNeedsTwoIndicesOrMore() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Text.oneHot("the cat", 1));

        assertEquals("one_hot needs n >= 2 (its indices run from 1 to n - 1), got 1", e.getMessage());
    }
}
