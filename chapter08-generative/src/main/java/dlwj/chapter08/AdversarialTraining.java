package dlwj.chapter08;

import dlwj.training.LayerChoice;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The body of listing 8.32's training loop: a discriminator step on generated and real pictures, then a generator
 * step through the adversarial network, whose copy of the discriminator is refreshed first ({@link
 * Dcgan#copyDiscriminatorInto}). The latent points and the labels' noise come from ND4J's random generator.
 */
public final class AdversarialTraining {

    private final MultiLayerNetwork discriminator;
    private final MultiLayerNetwork gan;

    public AdversarialTraining(MultiLayerNetwork discriminator, MultiLayerNetwork gan) {
        this.discriminator = discriminator;
        this.gan = gan;
    }

    /** The book's discriminator and adversarial network for pictures of {@code channels} channels. */
    public static AdversarialTraining of(int channels, LayerChoice layers, long seed) {
        return new AdversarialTraining(Dcgan.discriminator(channels, seed), Dcgan.gan(channels, layers, seed));
    }

    /** What one iteration generated, and its two losses (each before its step, as Keras' train_on_batch). */
    public record Step(INDArray generatedImages, double discriminatorLoss, double adversarialLoss) {
    }

    /** One iteration against a batch of {@code realImages}, as many generated ones beside them. */
    public Step step(INDArray realImages) {
        int batchSize = (int) realImages.size(0);
        // Sample random points in the latent space and decode them to fake images
        INDArray randomLatentVectors = Nd4j.randn(DataType.FLOAT, batchSize, Dcgan.LATENT_DIM);
        INDArray generatedImages = Dcgan.generate(gan, randomLatentVectors);

        // Combine them with real images; labels: 1 for generated, 0 for real, plus random noise
        INDArray combinedImages = Nd4j.concat(0, generatedImages, realImages);
        INDArray labels = Nd4j.concat(0, Nd4j.ones(DataType.FLOAT, batchSize, 1),
                Nd4j.zeros(DataType.FLOAT, batchSize, 1));
        labels.addi(Nd4j.rand(DataType.FLOAT, labels.shape()).muli(0.05));

        // Train the discriminator
        discriminator.fit(combinedImages, labels);
        double dLoss = discriminator.score();

        // Train the generator via the adversarial network, where the discriminator is frozen: "all real"
        Dcgan.copyDiscriminatorInto(gan, discriminator);
        randomLatentVectors = Nd4j.randn(DataType.FLOAT, batchSize, Dcgan.LATENT_DIM);
        INDArray misleadingTargets = Nd4j.zeros(DataType.FLOAT, batchSize, 1);
        gan.fit(randomLatentVectors, misleadingTargets);
        return new Step(generatedImages, dLoss, gan.score());
    }

    /** The adversarial network: the generator's layers, then the frozen copy of the discriminator. */
    public MultiLayerNetwork gan() {
        return gan;
    }
}
