package dlwj.datasets;

import dlwj.datasets.files.ArchiveExtraction;
import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.files.RemoteFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The GloVe word embeddings of 2014 (book section 6.1.3): Stanford's {@code glove.6B.zip}, vectors for
 * 400,000 words in 50, 100, 200 and 300 dimensions, one text file each ({@code glove.6B.100d.txt}: lines
 * {@code word v1 ... v100}). {@link #embeddingsIndex} is listing 6.10's {@code embeddings_index}, read
 * straight out of the zip: the other three files are never extracted.
 */
public final class GloVe {

    /** The dimensions of the vectors {@code glove.6B.zip} holds, one file each. */
    public static final List<Integer> DIMENSIONS = List.of(50, 100, 200, 300);

    /**
     * Stanford's {@code glove.6B.zip} (862,182,613 bytes). Stanford publishes no checksum: the MD5 is the one
     * torchtext and other loaders check. A copy given with {@code --local-file} must hold the four files; each
     * one's CRC-32 is checked as it is read.
     */
    public static final RemoteFile ZIP = RemoteFile.of("datasets/glove.6B.zip",
            "https://nlp.stanford.edu/data/glove.6B.zip", Checksum.md5("056ea991adb4740ac6bf1b6d9b50408b"),
            862_182_613, GloVe::checkZip);

    private GloVe() {
    }

    /**
     * Every word's vector of {@code glove.6B.<embeddingDim>d.txt}, in the file's order (by frequency), from the
     * environment's {@link DataSource#fromEnvironment() source}: listing 6.10's {@code embeddings_index}. The 100-dimensional one the book
     * uses takes about 200 MB.
     */
    public static Map<String, float[]> embeddingsIndex(int embeddingDim) {
        return embeddingsIndex(embeddingDim, DataSource.fromEnvironment());
    }

    public static Map<String, float[]> embeddingsIndex(int embeddingDim, DataSource source) {
        return read(embeddingDim, word -> true, source);
    }

    /**
     * The vectors of {@code words} only, those GloVe has: all that listing 6.11's {@code embedding_matrix}
     * takes from {@code embeddings_index} (the words of the tokenizer's index), in a fraction of the memory.
     * The lines of the other words are checked for their number of values, not parsed.
     */
    public static Map<String, float[]> embeddingsIndex(int embeddingDim, Collection<String> words, DataSource source) {
        Set<String> wanted = Set.copyOf(words);
        return read(embeddingDim, wanted::contains, source);
    }

    /** The name of the file of {@code embeddingDim}-dimensional vectors in the zip: {@code glove.6B.100d.txt}. */
    public static String fileName(int embeddingDim) {
        if (!DIMENSIONS.contains(embeddingDim)) {
            throw new IllegalArgumentException("GloVe 6B has vectors of " + DIMENSIONS + " dimensions, not "
                    + embeddingDim);
        }
        return "glove.6B." + embeddingDim + "d.txt";
    }

    private static Map<String, float[]> read(int embeddingDim, Predicate<String> keep, DataSource source) {
        String fileName = fileName(embeddingDim);
        return source.load(ZIP, zip -> ArchiveExtraction.readEntry(zip, fileName,
                in -> read(in, fileName, embeddingDim, keep)));
    }

    /**
     * Reads GloVe's text format: per line a word and {@code dimension} numbers, separated by spaces (as the
     * book's {@code line.split()}: runs of spaces count as one, leading and trailing ones are ignored), each
     * number parsed as numpy does ({@code float32} of the decimal's {@code float64}).
     */
    static Map<String, float[]> read(InputStream in, String fileName, int dimension, Predicate<String> keep)
            throws IOException {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        List<String> fields = new ArrayList<>(dimension + 1);
        long lineNumber = 0;
        try {
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                split(line, fields);
                if (fields.isEmpty()) {
                    throw new InvalidDataFileException(fileName + ", line " + lineNumber + ": an empty line");
                }
                String word = fields.get(0);
                if (fields.size() != dimension + 1) {
                    throw new InvalidDataFileException(fileName + ", line " + lineNumber + " ('" + word + "'): "
                            + (fields.size() - 1) + " numbers, expected " + dimension);
                }
                if (keep.test(word)) {
                    float[] vector = new float[dimension];
                    for (int i = 0; i < dimension; i++) {
                        double value = FileReading.decimal(fields.get(i + 1));
                        if (Double.isNaN(value)) {
                            throw new InvalidDataFileException(fileName + ", line " + lineNumber + " ('" + word
                                    + "'): value " + (i + 1) + " is '" + fields.get(i + 1) + "', not a number");
                        }
                        vector[i] = (float) value;
                    }
                    vectors.put(word, vector);
                }
            }
        } catch (MalformedInputException e) {
            throw new InvalidDataFileException(fileName + ", line " + (lineNumber + 1) + ": not UTF-8 text", e);
        }
        if (lineNumber == 0) {
            throw new InvalidDataFileException(fileName + " is empty");
        }
        return vectors;
    }

    /** {@code line}'s fields, separated by runs of spaces, into {@code fields}. */
    private static void split(String line, List<String> fields) {
        fields.clear();
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean space = i == line.length() || line.charAt(i) == ' ';
            if (space && start >= 0) {
                fields.add(line.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
    }

    /** The four files of vectors: a zip without them is not {@code glove.6B.zip}. */
    private static void checkZip(Path file) throws IOException {
        ArchiveExtraction.requireEntries(file, DIMENSIONS.stream().map(GloVe::fileName).toArray(String[]::new));
    }
}
