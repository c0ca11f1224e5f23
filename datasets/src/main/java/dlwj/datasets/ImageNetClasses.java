package dlwj.datasets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.files.RemoteFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ImageNet's 1,000 class names in the order of VGG16's outputs, from Keras' {@code imagenet_class_index.json}
 * (what {@code decode_predictions} reads): index 386 is {@code n02504458 African_elephant}.
 */
public final class ImageNetClasses {

    public static final RemoteFile INDEX = RemoteFile.of("models/imagenet_class_index.json",
            "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json",
            Checksum.md5("c2c37ea517e94d9795004a39431a14cb"), 35_363,
            file -> read(file));

    private final List<String> names;

    private ImageNetClasses(List<String> names) {
        this.names = names;
    }

    /** The class index, from the environment's {@link DataSource#fromEnvironment() source}. */
    public static ImageNetClasses load(DataSource source) {
        return source.load(INDEX, ImageNetClasses::read);
    }

    /** Reads the JSON file: {@code {"0": ["n01440764", "tench"], ...}}, keys 0 to the number of classes - 1. */
    public static ImageNetClasses read(Path file) throws IOException {
        JsonObject json = FileReading.jsonObject(file, "a class index");
        if (json.size() == 0) {
            throw new InvalidDataFileException(file.getFileName() + " holds no classes");
        }
        List<String> names = new ArrayList<>();
        for (int index = 0; index < json.size(); index++) {
            JsonElement entry = json.get(Integer.toString(index));
            if (entry == null) {
                throw new InvalidDataFileException(file.getFileName() + " has no class " + index + ": its keys must be "
                        + "the output indexes 0 to " + (json.size() - 1));
            }
            if (!isStringPair(entry)) {
                throw new InvalidDataFileException(file.getFileName() + ": class " + index + " is "
                        + FileReading.kind(entry) + ", not a pair [WordNet id, name]");
            }
            names.add(entry.getAsJsonArray().get(0).getAsString() + " " + entry.getAsJsonArray().get(1).getAsString());
        }
        return new ImageNetClasses(names);
    }

    private static boolean isStringPair(JsonElement entry) {
        if (!entry.isJsonArray() || entry.getAsJsonArray().size() != 2) {
            return false;
        }
        for (JsonElement part : entry.getAsJsonArray()) {
            if (!part.isJsonPrimitive() || !part.getAsJsonPrimitive().isString()) {
                return false;
            }
        }
        return true;
    }

    /** The class of output {@code index}: WordNet id and name. */
    public String name(int index) {
        return names.get(index);
    }

    public int size() {
        return names.size();
    }
}
