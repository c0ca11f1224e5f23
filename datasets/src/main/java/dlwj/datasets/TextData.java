package dlwj.datasets;

import java.util.List;

/**
 * Labelled raw texts, as the book's listing 6.8 collects them: {@code texts} and {@code labels}, one label
 * per text, in the same order.
 */
public record TextData(List<String> texts, int[] labels) {

    public TextData {
        texts = List.copyOf(texts);
        if (labels.length != texts.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }
}
