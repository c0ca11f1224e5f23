package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** BatchParts covers every example once, in contiguous parts, and passes a part's failure on. */
class BatchPartsTest {

    @Test
    void thePartsCoverTheBatchOnceInOrder() {
        List<int[]> parts = Collections.synchronizedList(new ArrayList<>());
        BatchParts.run(131, true, (from, to) -> parts.add(new int[] {from, to}));
        parts.sort((x, y) -> Integer.compare(x[0], y[0]));

        assertEquals(BatchParts.parts(131), parts.size());
        assertEquals(0, parts.get(0)[0]);
        for (int i = 1; i < parts.size(); i++) {
            assertEquals(parts.get(i - 1)[1], parts.get(i)[0]);
        }
        assertEquals(131, parts.get(parts.size() - 1)[1]);
        for (int[] part : parts) {
            assertTrue(part[1] - part[0] >= BatchParts.MIN_EXAMPLES);
        }
    }

    @Test
    void smallBatchesAndSerialWorkAreOnePart() {
        assertEquals(1, BatchParts.parts(BatchParts.MIN_EXAMPLES + 1));
        AtomicInteger calls = new AtomicInteger();
        BatchParts.run(128, false, (from, to) -> {
            assertEquals(0, from);
            assertEquals(128, to);
            calls.incrementAndGet();
        });
        assertEquals(1, calls.get());
    }

    @Test
    void aFailingPartFailsTheRunAfterTheOthersEnd() {
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () ->
                BatchParts.run(128, true, (from, to) -> {
                    if (from > 0) {
                        throw new IllegalStateException("part from " + from);
                    }
                    finished.incrementAndGet();
                }));
        assertTrue(failure.getMessage().startsWith("part from "), failure.getMessage());
        assertEquals(1, finished.get());
    }
}
