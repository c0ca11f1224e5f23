package dlwj.chapter08;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.cli.ResumeOption;
import dlwj.datasets.Nietzsche;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import dlwj.training.ModelSummary;
import dlwj.training.Plots;
import dlwj.training.ResumableRandom;
import dlwj.training.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 8.1, "Text generation with LSTM" (notebook 8.1, listings 8.1-8.7): Nietzsche's writings,
 * lower-cased, cut into sequences of 60 characters every 3; {@code LSTM(128)} over them one-hot, {@code Dense(57,
 * softmax)} for the next character, {@code RMSprop(lr=0.01)}, categorical crossentropy, batches of 128, one epoch
 * at a time for 59 epochs; after each, 400 characters generated from a random 60-character seed at temperatures
 * 0.2, 0.5, 1.0 and 1.2. Prints the loss per epoch (the book's: 1.9895 after the first, 1.3947 after the tenth,
 * 1.3391 after the twentieth) and writes the generated texts to {@code generated-text.txt}. The run takes hours:
 * it saves a checkpoint every epoch, and {@code --resume} goes on from the last one as the uninterrupted run would
 * have (the same shuffles, seeds and draws).
 */
@Command(name = "TextGeneration", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 8.1: a character-level LSTM trained on Nietzsche, generating text at four temperatures.")
public final class TextGeneration implements Callable<Integer> {

    static final int MAXLEN = 60; // extract sequences of 60 characters
    static final int STEP = 3; // sample a new sequence every 3 characters
    static final List<Double> TEMPERATURES = List.of(0.2, 0.5, 1.0, 1.2);

    public static void main(String[] args) {
        Examples.main(new TextGeneration(), args);
    }

    @Override
    public Integer call() {
        // Listing 8.2: downloading and parsing the initial text file (20,000 characters with --quick)
        String text = Nietzsche.loadText(options.dataSource());
        text = text.substring(0, options.samples(text.length(), 20_000));
        System.out.println("Corpus length: " + text.length());

        // Listing 8.3: vectorizing sequences of characters, one batch at a time
        CharacterSequences sequences = new CharacterSequences(text, MAXLEN, STEP, options.batchSize(128),
                options.seed());
        System.out.println("Number of sequences: " + sequences.sentences());
        System.out.println("Unique characters: " + sequences.chars().length);

        // Listings 8.4-8.5: single-layer LSTM model for next-character prediction, RMSprop(lr=0.01)
        int characters = sequences.chars().length;
        MultiLayerNetwork model = model(layers.choice(), options.seed(), characters);
        System.out.print(ModelSummary.of(model, InputType.recurrent(characters, MAXLEN)));

        // Listing 8.7: text-generation loop, after every epoch (a checkpoint too: --resume goes on after the last)
        ResumableRandom random = new ResumableRandom(options.seed());
        String corpus = text;
        if (!resume.requested()) {
            resetGeneratedText();
        }
        Trainer trainer = new Trainer(model).seed(options.seed())
                .checkpointed(options.output("text-generation.checkpoint.zip"), resume.requested(), sequences, random);
        History history = trainer
                .onEpochEnd((epoch, losses) -> generate((MultiLayerNetwork) trainer.model(), sequences, corpus, epoch,
                        random))
                .fit(sequences, options.epochs(59), null);

        Plots.line(history.get("loss"), "Training loss", "Epochs", "Loss", options.output("text-generation-loss.png"));
        for (int epoch = 1; epoch <= history.epochs(); epoch++) {
            options.record("loss_epoch_" + epoch, history.get("loss").get(epoch - 1));
        }
        int best = history.bestEpoch("loss");
        System.out.printf("Lowest loss %.4f at epoch %d%n", history.get("loss").get(best - 1), best);
        options.record("lowest_loss_and_epoch", history.get("loss").get(best - 1), best);
        return 0;
    }

    /** {@code LSTM(128, input_shape=(maxlen, len(chars)))}, {@code Dense(len(chars), activation='softmax')}. */
    public static MultiLayerNetwork model(LayerChoice layers, long seed, int characters) {
        return layers.initialise(new MultiLayerNetwork(KerasDefaults.network(seed)
                .updater(KerasDefaults.rmsprop(0.01))
                .list()
                .layer(layers.lstm(characters, 128))
                .layer(layers.output(characters, Activation.SOFTMAX, KerasDefaults.categoricalCrossentropy()))
                .setInputType(InputType.recurrent(characters, MAXLEN))
                .build()));
    }

    /** 400 characters at each temperature from one random seed of the text, printed and appended to the file. */
    private void generate(MultiLayerNetwork model, CharacterSequences sequences, String text, int epoch,
                          Random random) {
        int startIndex = random.nextInt(text.length() - MAXLEN);
        String seed = text.substring(startIndex, startIndex + MAXLEN);
        StringBuilder report = new StringBuilder("--- epoch " + epoch + ", generating with seed: \"" + seed + "\"\n");
        char[] chars = sequences.chars();
        for (double temperature : TEMPERATURES) {
            StringBuilder generated = new StringBuilder(seed);
            StringBuilder written = new StringBuilder();
            for (int i = 0; i < options.samples(400, 40); i++) {
                int nextIndex = TemperatureSampling.sample(model.output(sequences.oneHot(generated), false),
                        temperature, random);
                generated.append(chars[nextIndex]).deleteCharAt(0);
                written.append(chars[nextIndex]);
            }
            report.append("------ temperature: ").append(temperature).append('\n').append(seed).append(written)
                    .append('\n');
        }
        System.out.print(report);
        try {
            Files.writeString(options.output("generated-text.txt"), report, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the generated text: " + e.getMessage(), e);
        }
    }

    private void resetGeneratedText() {
        try {
            Files.deleteIfExists(options.output("generated-text.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not replace the generated text: " + e.getMessage(), e);
        }
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ResumeOption resume = new ResumeOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
