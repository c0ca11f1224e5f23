package dlwj.datasets;

import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.formats.NpyArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The encoding steps that Keras' text {@code load_data} functions apply after shuffling: the start
 * mark and index offset, the {@code maxlen} filter, and the vocabulary cut with its OOV mark.
 */
final class KerasSequences {

    /** Sequences with their labels, filtered together. */
    record Labelled(int[][] sequences, int[] labels) {
    }

    private KerasSequences() {
    }

    /**
     * The sequences and labels of a Keras text file, checked: a one-dimensional object array of
     * word-index lists, and as many non-negative integer labels.
     */
    static Labelled labelled(NpyArray sequences, NpyArray labels) throws InvalidDataFileException {
        int[][] x = sequences.intSequences();
        int[] y = labels.requireRank(1).ints();
        sequences.requireSameLength(labels);
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0) {
                throw new InvalidDataFileException(labels.name() + " holds the label " + y[i] + " at position " + i
                        + "; labels are class numbers from 0");
            }
        }
        return new Labelled(x, y);
    }

    /** Applies {@code indices} (a shuffle) to sequences and labels. */
    static Labelled reorder(int[][] sequences, int[] labels, int[] indices) {
        int[][] x = new int[indices.length][];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            x[i] = sequences[indices[i]];
            y[i] = labels[indices[i]];
        }
        return new Labelled(x, y);
    }

    /** {@code [start_char] + [w + index_from for w in x]}, or just the offset when there is no start mark. */
    static int[][] markAndOffset(int[][] sequences, TextOptions options) {
        int[][] result = new int[sequences.length][];
        int start = options.startChar() == null ? 0 : 1;
        for (int s = 0; s < sequences.length; s++) {
            int[] x = sequences[s];
            int[] y = new int[x.length + start];
            if (start == 1) {
                y[0] = options.startChar();
            }
            for (int i = 0; i < x.length; i++) {
                y[i + start] = x[i] + options.indexFrom();
            }
            result[s] = y;
        }
        return result;
    }

    /** Keras' {@code remove_long_seq}: keeps the sequences shorter than {@code maxlen}. */
    static Labelled removeLong(Labelled data, int maxlen) {
        if (maxlen == 0) {
            return data;
        }
        List<int[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int i = 0; i < data.sequences().length; i++) {
            if (data.sequences()[i].length < maxlen) {
                x.add(data.sequences()[i]);
                y.add(data.labels()[i]);
            }
        }
        return new Labelled(x.toArray(int[][]::new), y.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Keeps the words with {@code skip_top <= w < num_words}; the others become {@code oov_char}, or are
     * dropped when there is none. With {@code numWords == 0}, {@code num_words} is the largest index of
     * {@code all}, as in Keras (so that index itself becomes OOV: Keras does exactly this).
     */
    static void limitVocabulary(List<int[][]> all, TextOptions options) {
        int numWords = options.numWords();
        if (numWords == 0) {
            numWords = all.stream().flatMap(Arrays::stream).flatMapToInt(Arrays::stream).max().orElse(0);
        }
        for (int[][] sequences : all) {
            for (int s = 0; s < sequences.length; s++) {
                sequences[s] = limit(sequences[s], options.skipTop(), numWords, options.oovChar());
            }
        }
    }

    private static int[] limit(int[] x, int skipTop, int numWords, Integer oovChar) {
        if (oovChar != null) {
            int[] y = x.clone();
            for (int i = 0; i < y.length; i++) {
                if (y[i] < skipTop || y[i] >= numWords) {
                    y[i] = oovChar;
                }
            }
            return y;
        }
        return Arrays.stream(x).filter(w -> w >= skipTop && w < numWords).toArray();
    }
}
