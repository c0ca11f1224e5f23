package dlwj.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A bad option of Keras' load_data is named as Keras names it. */
class TextOptionsTest {

    @Test
    void aBadOptionIsNamedAsKerasNamesIt() {
        assertEquals("num_words must not be negative, not -1", assertThrows(IllegalArgumentException.class,
                () -> TextOptions.builder().numWords(-1).build()).getMessage());
        assertEquals("maxlen must not be negative, not -5", assertThrows(IllegalArgumentException.class,
                () -> TextOptions.builder().maxlen(-5).build()).getMessage());
        assertEquals("test_split must be between 0 and 1, not 1.5", assertThrows(IllegalArgumentException.class,
                () -> TextOptions.builder().testSplit(1.5).build()).getMessage());
    }
}
