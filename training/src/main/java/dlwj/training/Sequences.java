package dlwj.training;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turning word-index sequences into tensors, as the book's chapters 3 and 6 do: multi-hot vectors
 * ({@code vectorize_sequences}) and Keras 2.0.8's {@code keras.preprocessing.sequence.pad_sequences}.
 */
public final class Sequences {

    /** Which end of a sequence {@code pad_sequences} pads or truncates: {@code 'pre'} or {@code 'post'}. */
    public enum End {
        /** The start of the sequence, Keras' default for both. */
        PRE,
        /** The end of the sequence. */
        POST
    }

    private Sequences() {
    }

    /** {@code pad_sequences(sequences)}: every sequence as long as the longest, zeros in front. */
    public static int[][] padSequences(int[][] sequences) {
        return padSequences(sequences, 0);
    }

    /**
     * {@code pad_sequences(sequences, maxlen=maxlen)}: the last {@code maxlen} values of each sequence, zeros
     * in front of shorter ones.
     */
    public static int[][] padSequences(int[][] sequences, int maxlen) {
        return padSequences(sequences, maxlen, End.PRE, End.PRE, 0);
    }

    /**
     * {@code pad_sequences(sequences, maxlen, padding, truncating, value)} with Keras' int32 {@code dtype}: one
     * row of {@code maxlen} values per sequence (of the longest sequence's length when {@code maxlen} is 0,
     * Keras' {@code None}). Longer sequences lose values at the {@code truncating} end, shorter ones get
     * {@code value} at the {@code padding} end; empty sequences are all {@code value}. No sequences give no
     * rows (where Keras' {@code np.max} of no lengths fails). {@link #embeddingInput(int[][])} makes the rows
     * a network's input.
     */
    public static int[][] padSequences(int[][] sequences, int maxlen, End padding, End truncating, int value) {
        if (maxlen < 0) {
            throw new IllegalArgumentException("maxlen must be positive, or 0 for the longest sequence's length, got "
                    + maxlen);
        }
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(truncating, "truncating");
        int length = maxlen > 0 ? maxlen : Arrays.stream(sequences).mapToInt(s -> s.length).max().orElse(0);
        int[][] padded = new int[sequences.length][length];
        for (int row = 0; row < sequences.length; row++) {
            int[] sequence = sequences[row];
            int kept = Math.min(sequence.length, length);
            int from = truncating == End.PRE ? sequence.length - kept : 0;
            int to = padding == End.PRE ? length - kept : 0;
            Arrays.fill(padded[row], value);
            System.arraycopy(sequence, from, padded[row], to, kept);
        }
        return padded;
    }

    /**
     * Padded sequences as the input of DL4J's {@code EmbeddingSequenceLayer}, Keras' {@code Embedding}: shape
     * {@code [samples, sequenceLength]} (the layer takes this or {@code [samples, 1, sequenceLength]}), the
     * word indices stored as float32, the network's type (exact up to 2^24, far beyond any vocabulary).
     */
    public static INDArray embeddingInput(int[][] padded) {
        int length = padded.length == 0 ? 0 : padded[0].length;
        for (int row = 0; row < padded.length; row++) {
            if (padded[row].length != length) {
                throw new IllegalArgumentException("Sequence " + row + " has " + padded[row].length
                        + " values, sequence 0 has " + length + ": pad them to one length with padSequences first");
            }
        }
        return Nd4j.createFromArray(padded).castTo(DataType.FLOAT);
    }

    /**
     * The book's {@code vectorize_sequences(sequences, dimension)}: one row per sequence, 1 at the index of
     * every word it contains, 0 elsewhere (float32). Indices at or above {@code dimension} are refused.
     */
    public static INDArray multiHot(int[][] sequences, int dimension) {
        return multiHot(sequences, dimension, DataType.FLOAT);
    }

    /**
     * {@link #multiHot(int[][], int)} stored as {@code type}: {@code FLOAT}, or {@code UBYTE} for a quarter of
     * the memory (IMDB's 25,000 x 10,000 matrix: 250 MB instead of 1 GB). The values are the same 0s and 1s;
     * {@link Trainer} converts each batch to the network's type as it gathers it.
     */
    public static INDArray multiHot(int[][] sequences, int dimension, DataType type) {
        if (type != DataType.FLOAT && type != DataType.UBYTE) {
            throw new IllegalArgumentException("multi-hot vectors are stored as FLOAT or UBYTE, not " + type);
        }
        INDArray result = Nd4j.zeros(type, sequences.length, dimension);
        // written in place through the off-heap buffer: a Java array of the same size would double the memory
        ByteBuffer bytes = result.data().asNio().order(ByteOrder.nativeOrder());
        int width = type.width();
        for (int row = 0; row < sequences.length; row++) {
            long offset = (long) row * dimension;
            for (int index : sequences[row]) {
                if (index < 0 || index >= dimension) {
                    throw new IllegalArgumentException("Word index " + index + " in sequence " + row
                            + " is outside [0, " + dimension + "): load the data with numWords=" + dimension);
                }
                int position = Math.toIntExact((offset + index) * width);
                if (type == DataType.FLOAT) {
                    bytes.putFloat(position, 1f);
                } else {
                    bytes.put(position, (byte) 1);
                }
            }
        }
        return result;
    }
}
