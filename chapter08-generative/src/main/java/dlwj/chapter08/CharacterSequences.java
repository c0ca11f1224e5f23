package dlwj.chapter08;

import dlwj.training.BatchIterator;
import dlwj.training.Permutations;
import dlwj.training.Resumable;
import dlwj.training.ResumableRandom;
import java.io.Serializable;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Listing 8.2's data: the text cut into {@code sentences} of {@code maxlen} characters every {@code step}, each with
 * the character that follows it ({@code next_chars}), and every character one-hot over the text's sorted distinct
 * characters ({@code chars}). The book builds the whole one-hot tensor, 200,278 x 60 x 57 (2.7 GB in float32);
 * this iterator builds each batch of it when it is needed, the sentences in a new random order every epoch, as
 * Keras' {@code fit} shuffles them. A batch is DL4J's sequence layout: [batch, characters, steps]. A checkpoint keeps
 * the state of its shuffle ({@link Resumable}).
 */
public final class CharacterSequences extends BatchIterator implements Resumable {

    private final String text;
    private final char[] chars;
    private final int[] charIndices;
    private final int maxlen;
    private final int step;
    private final ResumableRandom shuffle;
    private int[] order;
    private int next;

    public CharacterSequences(String text, int maxlen, int step, int batchSize, long seed) {
        super(batchSize);
        if (text.length() <= maxlen) {
            throw new IllegalArgumentException("A text of " + text.length() + " characters has no sequence of "
                    + maxlen + " followed by a character");
        }
        this.text = text;
        TreeSet<Character> distinct = new TreeSet<>();
        for (char c : text.toCharArray()) {
            distinct.add(c);
        }
        this.chars = new char[distinct.size()];
        int i = 0;
        for (char c : distinct) {
            chars[i++] = c;
        }
        this.charIndices = new int[Character.MAX_VALUE + 1];
        for (int index = 0; index < chars.length; index++) {
            charIndices[chars[index]] = index;
        }
        this.maxlen = maxlen;
        this.step = step;
        this.shuffle = new ResumableRandom(seed);
        reset();
    }

    /** {@code len(sentences)}: one every {@code step} characters while a character follows it. */
    public int sentences() {
        return (text.length() - maxlen + step - 1) / step;
    }

    /** {@code chars}: the text's distinct characters, sorted. */
    public char[] chars() {
        return chars.clone();
    }

    /** The index of {@code c} in {@link #chars()}. */
    public int indexOf(char c) {
        return charIndices[c];
    }

    /** A sequence of {@code maxlen} characters one-hot, as one sample: [1, characters, maxlen]. */
    public INDArray oneHot(CharSequence sentence) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, chars.length, sentence.length());
        for (int t = 0; t < sentence.length(); t++) {
            x.putScalar(0, charIndices[sentence.charAt(t)], t, 1f);
        }
        return x;
    }

    @Override
    public boolean hasNext() {
        return next < order.length;
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int size = Math.min(batch(), order.length - next);
        float[] x = new float[size * chars.length * maxlen];
        float[] y = new float[size * chars.length];
        for (int i = 0; i < size; i++) {
            int start = order[next + i] * step;
            for (int t = 0; t < maxlen; t++) {
                x[(i * chars.length + charIndices[text.charAt(start + t)]) * maxlen + t] = 1f;
            }
            y[i * chars.length + charIndices[text.charAt(start + maxlen)]] = 1f;
        }
        next += size;
        return new DataSet(Nd4j.create(x, new long[] {size, chars.length, maxlen}, 'c'),
                Nd4j.create(y, new long[] {size, chars.length}, 'c'));
    }

    @Override
    public void reset() {
        order = Permutations.shuffled(sentences(), shuffle);
        next = 0;
    }

    @Override
    public Serializable state() {
        return shuffle.state();
    }

    @Override
    public void restore(Serializable state) {
        shuffle.restore(state);
    }

    @Override
    public int inputColumns() {
        return chars.length;
    }

    @Override
    public int totalOutcomes() {
        return chars.length;
    }
}
