package dlwj.datasets;

import java.util.Arrays;

/**
 * A text dataset as Keras' {@code load_data} returns it: {@code (x_train, y_train), (x_test, y_test)},
 * each review or newswire a sequence of word indices, each label an int.
 */
public record SequenceData(int[][] trainSequences, int[] trainLabels, int[][] testSequences, int[] testLabels) {

    /** The first {@code trainCount} training and {@code testCount} test samples (all there are, if fewer). */
    public SequenceData first(int trainCount, int testCount) {
        int train = Math.min(trainCount, trainSequences.length);
        int test = Math.min(testCount, testSequences.length);
        return new SequenceData(Arrays.copyOf(trainSequences, train), Arrays.copyOf(trainLabels, train),
                Arrays.copyOf(testSequences, test), Arrays.copyOf(testLabels, test));
    }

    /** How many samples have each label, label by label (0 to the largest label). */
    public static int[] labelCounts(int[] labels) {
        int[] counts = new int[Arrays.stream(labels).max().orElse(-1) + 1];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
