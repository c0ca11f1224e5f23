package dlwj.training.cli;

import dlwj.training.LayerChoice;
import picocli.CommandLine.Option;

/**
 * {@code --layers keras|dl4j}: the layers an example builds its model from, this project's Keras layers (the
 * default) or DL4J's own with the same settings. Only the examples that can build their model both ways take it.
 */
public final class LayersOption {

    private LayerChoice layers = LayerChoice.KERAS;

    @Option(names = "--layers", paramLabel = "keras|dl4j",
            description = "The model's layers: keras, this project's (Keras 2.0.8's computation, faster), or dl4j, "
                    + "DL4J's own DenseLayer and OutputLayer with the same settings (default: keras).")
    void layers(String name) {
        layers = LayerChoice.named(name);
    }

    public LayerChoice choice() {
        return layers;
    }
}
