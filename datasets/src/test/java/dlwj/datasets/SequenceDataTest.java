package dlwj.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class SequenceDataTest {

    @Test
    void firstKeepsTheLeadingSamplesOfEachSplitWithTheirLabels() {
        SequenceData data = new SequenceData(new int[][] {{1}, {2, 3}, {4}}, new int[] {0, 1, 0},
                new int[][] {{5}, {6}}, new int[] {1, 0});

        SequenceData first = data.first(2, 5);

        assertArrayEquals(new int[][] {{1}, {2, 3}}, first.trainSequences());
        assertArrayEquals(new int[] {0, 1}, first.trainLabels());
        assertArrayEquals(new int[][] {{5}, {6}}, first.testSequences(), "all there are");
        assertArrayEquals(new int[] {1, 0}, first.testLabels());
        assertArrayEquals(new int[0], data.first(0, 0).testLabels());
    }
}
