package dlwj.cli;

import dlwj.training.LayerChoice;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code --layers keras|dl4j}: the layers an example builds its model from, this project's Keras layers (the
 * default) or DL4J's own with the same settings. Only the examples that can build their model both ways take it.
 */
public final class LayersOption {

    @Option(names = "--layers", paramLabel = "keras|dl4j", converter = ChoiceConverter.class,
            description = "The model's layers: keras, this project's (Keras 2.0.8's computation, faster), or dl4j, "
                    + "DL4J's own (DenseLayer, OutputLayer, LSTM, Deconvolution2D...) with the same settings "
                    + "(default: keras).")
    LayerChoice layers = LayerChoice.KERAS;

    public LayerChoice choice() {
        return layers;
    }

    /** {@code keras} or {@code dl4j}, in any case; anything else is one line naming the choices. */
    static final class ChoiceConverter implements CommandLine.ITypeConverter<LayerChoice> {
        @Override
        public LayerChoice convert(String value) {
            try {
                return LayerChoice.named(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
