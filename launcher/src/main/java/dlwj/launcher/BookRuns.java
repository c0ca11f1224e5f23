package dlwj.launcher;

import dlwj.chapter02.DataRepresentations;
import dlwj.chapter02.GradientDescentByHand;
import dlwj.chapter02.MnistFirstNetwork;
import dlwj.chapter02.TensorOperations;
import dlwj.chapter03.BostonHousingRegression;
import dlwj.chapter03.ImdbBinaryClassification;
import dlwj.chapter03.ReutersNewswires;
import dlwj.chapter04.DataPreprocessing;
import dlwj.chapter04.EvaluationProtocols;
import dlwj.chapter04.OverfittingAndUnderfitting;
import dlwj.chapter04.UniversalWorkflow;
import dlwj.chapter05.ClassActivationHeatmap;
import dlwj.chapter05.ConvnetActivations;
import dlwj.chapter05.DogsVsCatsConvnet;
import dlwj.chapter05.FilterPatterns;
import dlwj.chapter05.MnistConvnet;
import dlwj.chapter05.Vgg16FeatureExtraction;
import dlwj.chapter05.Vgg16FineTuning;
import dlwj.chapter06.ImdbConvnet;
import dlwj.chapter06.ImdbEmbeddingLayer;
import dlwj.chapter06.ImdbRecurrent;
import dlwj.chapter06.OneHotEncoding;
import dlwj.chapter06.PretrainedWordEmbeddings;
import dlwj.chapter06.SimpleRnnByHand;
import dlwj.chapter06.TemperatureForecasting;
import dlwj.chapter07.BatchNormalizationLayers;
import dlwj.chapter07.CallbacksInAction;
import dlwj.chapter07.DagsOfLayers;
import dlwj.chapter07.DualCameras;
import dlwj.chapter07.HyperparameterSearch;
import dlwj.chapter07.ModelEnsembling;
import dlwj.chapter07.QuestionAnswering;
import dlwj.chapter07.SeparableConvnet;
import dlwj.chapter07.SequentialAndFunctional;
import dlwj.chapter07.SharedLstm;
import dlwj.chapter07.SocialMediaPosts;
import dlwj.chapter07.TrainingUiOnImdb;
import dlwj.chapter08.ConvolutionalVae;
import dlwj.chapter08.Dcgan;
import dlwj.chapter08.DeepDream;
import dlwj.chapter08.StyleTransfer;
import dlwj.chapter08.TextGeneration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every example of chapters 2-8, in the book's order, as the reproduction runs them. Later runs use what
 * earlier ones saved in the output folder (the visualisations of section 5.4 read the dogs-vs-cats models).
 */
public final class BookRuns {

    private BookRuns() {
    }

    public static List<BookRun> all() {
        return List.of(
                run("2.1", "MnistFirstNetwork", MnistFirstNetwork::new, List.of(),
                        Map.of("mnist-first-network-digit.png", "chapter02/mnist-first-network-digit.png")),
                run("2.2", "DataRepresentations", DataRepresentations::new, List.of(), Map.of()),
                run("2.3", "TensorOperations", TensorOperations::new, List.of(), Map.of()),
                run("2.4", "GradientDescentByHand", GradientDescentByHand::new, List.of(), Map.of()),
                run("3.4", "ImdbBinaryClassification", ImdbBinaryClassification::new, List.of(),
                        figures("chapter03", "imdb-loss.png", "imdb-accuracy.png")),
                run("3.5", "ReutersNewswires", ReutersNewswires::new, List.of(),
                        figures("chapter03", "reuters-loss.png", "reuters-accuracy.png")),
                run("3.6", "BostonHousingRegression", BostonHousingRegression::new, List.of("--kfold-epochs", "100"),
                        figures("chapter03", "boston-validation-mae.png", "boston-validation-mae-smoothed.png")),
                run("4.2", "EvaluationProtocols", EvaluationProtocols::new, List.of(), Map.of()),
                run("4.3", "DataPreprocessing", DataPreprocessing::new, List.of(), Map.of()),
                run("4.4", "OverfittingAndUnderfitting", OverfittingAndUnderfitting::new, List.of(),
                        figures("chapter04", "imdb-smaller-val-loss.png", "imdb-bigger-val-loss.png",
                                "imdb-bigger-loss.png", "imdb-l2-val-loss.png", "imdb-l1-val-loss.png",
                                "imdb-l1_l2-val-loss.png", "imdb-dropout-val-loss.png")),
                run("4.5", "UniversalWorkflow", UniversalWorkflow::new, List.of(), Map.of()),
                run("5.1", "MnistConvnet", MnistConvnet::new, List.of(), Map.of()),
                run("5.2", "DogsVsCatsConvnet", DogsVsCatsConvnet::new, List.of("--epochs", "10"),
                        figures("chapter05", "cats_and_dogs_small_1-accuracy.png", "cats_and_dogs_small_1-loss.png")),
                new BookRun("5.2", "DogsVsCatsConvnet --augment", DogsVsCatsConvnet::new, List.of("--augment"),
                        List.of("--epochs", "15"), figures("chapter05", "augmented-pictures.png",
                                "cats_and_dogs_small_2-accuracy.png", "cats_and_dogs_small_2-loss.png")),
                run("5.3.1", "Vgg16FeatureExtraction", Vgg16FeatureExtraction::new, List.of(), Map.of()),
                run("5.3.2", "Vgg16FineTuning", Vgg16FineTuning::new, List.of("--epochs", "2", "--fine-tune-epochs", "2",
                        "--steps-per-epoch", "20", "--validation-steps", "10"), Map.of()),
                run("5.4.1", "ConvnetActivations", ConvnetActivations::new, List.of(),
                        figures("chapter05", "activations-picture.png", "activations-layer-1-channel-4.png",
                                "activations-layer-1-channel-7.png", "activations-layer-1.png",
                                "activations-layer-8.png")),
                run("5.4.2", "FilterPatterns", FilterPatterns::new, List.of("--filters", "16"), Map.of()),
                // the book's VGG16 with its ImageNet classifier needs 528 MB of weights and the reader's picture
                new BookRun("5.4.3", "ClassActivationHeatmap --cats-vs-dogs", ClassActivationHeatmap::new,
                        List.of("--cats-vs-dogs"), List.of(),
                        Map.of("class-activation-heatmap-raw.png", "chapter05/heatmap-small-convnet-raw.png",
                                "class-activation-heatmap.png", "chapter05/heatmap-small-convnet.png")),
                run("6.1.1", "OneHotEncoding", OneHotEncoding::new, List.of(), Map.of()),
                run("6.1.2", "ImdbEmbeddingLayer", ImdbEmbeddingLayer::new, List.of(),
                        figures("chapter06", "imdb-embedding-accuracy.png", "imdb-embedding-loss.png")),
                // the book's GloVe embeddings need an 822 MB download; ./run PretrainedWordEmbeddings runs with them
                new BookRun("6.1.3", "PretrainedWordEmbeddings --without-glove", PretrainedWordEmbeddings::new,
                        List.of("--without-glove"), List.of(),
                        figures("chapter06", "imdb-learned-accuracy.png", "imdb-learned-loss.png")),
                run("6.2", "SimpleRnnByHand", SimpleRnnByHand::new, List.of(), Map.of()),
                run("6.2.1", "ImdbRecurrent", ImdbRecurrent::new, List.of(),
                        figures("chapter06", "imdb-simple-rnn-accuracy.png", "imdb-simple-rnn-loss.png")),
                imdbRecurrent("6.2.3", "lstm"),
                run("6.3.3", "TemperatureForecasting", TemperatureForecasting::new, List.of(), Map.of()),
                jena("6.3.4", "dense"),
                jena("6.3.5", "gru"),
                jena("6.3.6", "gru-dropout"),
                jena("6.3.7", "stacked-gru"),
                jena("6.3.8", "reversed-gru"),
                imdbRecurrent("6.3.8", "reversed-lstm"),
                imdbRecurrent("6.3.8", "bidirectional-lstm"),
                jena("6.3.8", "bidirectional-gru"),
                run("6.4.3", "ImdbConvnet", ImdbConvnet::new, List.of(),
                        figures("chapter06", "imdb-conv1d-accuracy.png", "imdb-conv1d-loss.png")),
                jena("6.4.4", "conv1d"),
                jena("6.4.5", "conv1d-gru"),
                run("7.1.1", "SequentialAndFunctional", SequentialAndFunctional::new, List.of(), Map.of()),
                run("7.1.2", "QuestionAnswering", QuestionAnswering::new, List.of(),
                        figures("chapter07", "question-answering.png")),
                run("7.1.3", "SocialMediaPosts", SocialMediaPosts::new, List.of(), figures("chapter07", "posts.png")),
                run("7.1.4", "DagsOfLayers", DagsOfLayers::new, List.of(), figures("chapter07", "inception-module.png")),
                run("7.1.5", "SharedLstm", SharedLstm::new, List.of(), figures("chapter07", "shared-lstm.png")),
                run("7.1.6", "DualCameras", DualCameras::new, List.of(), Map.of()),
                run("7.2.1", "CallbacksInAction", CallbacksInAction::new, List.of(),
                        figures("chapter07", "callbacks-loss.png", "callbacks-accuracy.png")),
                run("7.2.2", "TrainingUiOnImdb", TrainingUiOnImdb::new, List.of(),
                        figures("chapter07", "model.png", "imdb-conv1d-2000-words-accuracy.png",
                                "imdb-conv1d-2000-words-loss.png")),
                run("7.3.1", "BatchNormalizationLayers", BatchNormalizationLayers::new, List.of(), Map.of()),
                run("7.3.2", "SeparableConvnet", SeparableConvnet::new, List.of(), Map.of()),
                run("7.3.2", "HyperparameterSearch", HyperparameterSearch::new, List.of(), Map.of()),
                run("7.3.3", "ModelEnsembling", ModelEnsembling::new, List.of(), Map.of()),
                run("8.1", "TextGeneration", TextGeneration::new, List.of("--epochs", "3"),
                        figures("chapter08", "text-generation-loss.png")),
                run("8.4", "ConvolutionalVae", ConvolutionalVae::new, List.of("--epochs", "2"),
                        figures("chapter08", "latent-space-digits.png")),
                run("8.5", "Dcgan", Dcgan::new, List.of("--iterations", "200"), Map.of()),
                new BookRun("8.5", "Dcgan --data mnist", Dcgan::new, List.of("--data", "mnist"),
                        List.of("--iterations", "200"), figures("chapter08", "six-gan-losses.png", "generated-sixes.png")));
    }

    /**
     * The examples that work on the reader's own pictures, which the reproduction cannot give them: {@code ./run}
     * launches them with the reader's options.
     */
    public static List<BookRun> onTheReadersPictures() {
        return List.of(run("8.2", "DeepDream", DeepDream::new, List.of(), Map.of()),
                run("8.3", "StyleTransfer", StyleTransfer::new, List.of(), Map.of()));
    }

    /** Every run {@code ./run} knows: the reproduction's and those on the reader's pictures. */
    public static List<BookRun> launchable() {
        return Stream.concat(all().stream(), onTheReadersPictures().stream()).toList();
    }

    /** A run at the book's settings with no arguments of its own. */
    private static BookRun run(String book, String name, Supplier<Object> example,
                               List<String> laptopArgs, Map<String, String> figures) {
        return new BookRun(book, name, example, List.of(), laptopArgs, figures);
    }

    /** An LSTM model of sections 6.2-6.3 on IMDB, with its curves; the laptop profile trains it 2 epochs. */
    private static BookRun imdbRecurrent(String book, String model) {
        return new BookRun(book, "ImdbRecurrent --model " + model, ImdbRecurrent::new, List.of("--model", model),
                List.of("--epochs", "2"), figures("chapter06", "imdb-" + model + "-accuracy.png",
                        "imdb-" + model + "-loss.png"));
    }

    /**
     * A model of sections 6.3-6.4 on the Jena series; the laptop profile trains the recurrent ones 4 epochs. (The
     * series was not to be had where these docs were written: the guide has no figures of it to rewrite.)
     */
    private static BookRun jena(String book, String model) {
        return new BookRun(book, "TemperatureForecasting --model " + model, TemperatureForecasting::new,
                List.of("--model", model), model.equals("dense") ? List.of() : List.of("--epochs", "4"), Map.of());
    }

    /** Figures the guide of {@code chapter} shows under the names the example gives them. */
    private static Map<String, String> figures(String chapter, String... fileNames) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String fileName : fileNames) {
            figures.put(fileName, chapter + "/" + fileName);
        }
        return figures;
    }
}
