package dlwj.cli;

import dlwj.datasets.FashionMnist;
import dlwj.datasets.ImageData;
import dlwj.datasets.Mnist;
import dlwj.datasets.files.DataSource;
import picocli.CommandLine.Option;

/**
 * {@code --dataset mnist|fashion-mnist}, for the examples that train on MNIST: Fashion-MNIST has the same
 * shapes and encoding (28x28 grey images, labels 0-9, 60,000 + 10,000), so every MNIST listing runs on it
 * unchanged where MNIST itself can't be downloaded.
 */
public final class MnistDatasetOption implements CheckedOptions {

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist",
            description = "mnist (the book's) or fashion-mnist (the same shapes; default: ${DEFAULT-VALUE}).")
    String dataset;

    @Override
    public void checkOptions() {
        if (!dataset.equals("mnist") && !dataset.equals("fashion-mnist")) {
            throw new IllegalArgumentException("--dataset must be mnist or fashion-mnist, not " + dataset);
        }
    }

    /** The chosen dataset, as Keras' {@code mnist.load_data()} returns it, from {@code source}. */
    public ImageData loadData(DataSource source) {
        return switch (dataset) {
            case "mnist" -> Mnist.loadData(source);
            case "fashion-mnist" -> FashionMnist.loadData(source);
            default -> throw new IllegalStateException("unchecked --dataset " + dataset);
        };
    }
}
