package dlwj.chapter06;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** The book's generator: windows, targets, order, wrapping and shuffling. */
class TemperatureWindowsTest {

    /** 100 rows of 3 columns; value = 10 row + column, so every value says where it came from. */
    private static float[] series() {
        float[] data = new float[100 * 3];
        for (int row = 0; row < 100; row++) {
            for (int c = 0; c < 3; c++) {
                data[row * 3 + c] = 10 * row + c;
            }
        }
        return data;
    }

    /** Windows of the series: 12 rows back, one in 3, from row 10, targets 5 rows later. */
    private static TemperatureWindows.Builder windows() {
        return TemperatureWindows.generator(series(), 3).lookback(12).delay(5).minIndex(10).step(3).seed(1);
    }

    @Test
    void orderedWindowsLookBackOneRowInStepAndTargetTheTemperatureDelayLater() {
        // lookback 12, step 3: rows i-12, i-9, i-6, i-3 for the window ending at row i; target row i + 5
        TemperatureWindows windows = windows().maxIndex(40).batchSize(4).batchesPerPass(2).build();

        DataSet first = windows.next();

        assertArrayEquals(new long[] {4, 3, 4}, first.getFeatures().shape(), "[batch, columns, steps]");
        // the first window ends at min_index + lookback = 22: rows 10, 13, 16, 19
        assertEquals(10 * 10 + 1, first.getFeatures().getFloat(0, 1, 0), 0);
        assertEquals(10 * 19 + 2, first.getFeatures().getFloat(0, 2, 3), 0);
        assertEquals(10 * (22 + 5) + 1, first.getLabels().getFloat(0, 0), 0, "temperature, column 1");
        assertEquals(10 * (25 + 5) + 1, first.getLabels().getFloat(3, 0), 0);
        assertTrue(windows.hasNext());
        assertEquals(10 * (26 + 5) + 1, windows.next().getLabels().getFloat(0, 0), 0);
        assertFalse(windows.hasNext(), "2 batches a pass");
    }

    @Test
    void orderedWindowsWrapAsTheBooksGeneratorAndEachPassStartsAgain() {
        // windows end at rows 22..39; batches of 8: 22-29, 30-37, then 38 + 8 >= 40 wraps to 22
        TemperatureWindows windows = windows().maxIndex(40).batchSize(8).batchesPerPass(3).build();

        windows.next();
        windows.next();
        assertEquals(10 * (22 + 5) + 1, windows.next().getLabels().getFloat(0, 0), 0);
        windows.reset();
        assertEquals(10 * (22 + 5) + 1, windows.next().getLabels().getFloat(0, 0), 0);
    }

    @Test
    void reversedWindowsHoldTheSameStepsLastFirst() {
        DataSet forward = windows().maxIndex(40).batchSize(4).batchesPerPass(1).build().next();
        DataSet reversed = windows().maxIndex(40).batchSize(4).batchesPerPass(1).reversed(true).build().next();

        for (int t = 0; t < 4; t++) {
            assertEquals(forward.getFeatures().getFloat(2, 1, t), reversed.getFeatures().getFloat(2, 1, 3 - t), 0);
        }
        assertEquals(forward.getLabels(), reversed.getLabels());
    }

    @Test
    void shuffledWindowsEndAtRandomRowsOfTheRange() {
        TemperatureWindows windows = windows().maxIndex(40).shuffle(true).batchSize(64).seed(7).build();

        DataSet batch = windows.next();

        for (int j = 0; j < 64; j++) {
            float target = batch.getLabels().getFloat(j, 0);
            int row = Math.round((target - 1) / 10) - 5;
            assertTrue(row >= 22 && row < 40, "row " + row);
            assertEquals(10 * (row - 12) + 1, batch.getFeatures().getFloat(j, 1, 0), 0, "the window ends at its row");
        }
    }

    @Test
    void windowsOutsideTheSeriesAreRefused() {
        // max_index None: len(data) - delay - 1 = 94; a target 5 rows after row 99 would not exist
        assertEquals(10 * (22 + 5) + 1, windows().maxIndex(-1).batchSize(4).batchesPerPass(1).build()
                .next().getLabels().getFloat(0, 0), 0);
        assertThrows(IllegalArgumentException.class,
                () -> windows().maxIndex(99).batchSize(4).batchesPerPass(1).build());
        assertThrows(IllegalArgumentException.class,
                () -> windows().maxIndex(40).batchSize(4).step(5).batchesPerPass(1).build());
    }
}
