package dlwj.datasets;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.files.RemoteFile;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ImageNet's 1,000 class names in the order of VGG16's outputs, from Keras' {@code imagenet_class_index.json}
 * (what {@code decode_predictions} reads): index 386 is {@code n02504458 African_elephant}.
 */
public final class ImageNetClasses {

    public static final RemoteFile INDEX = RemoteFile.of("models/imagenet_class_index.json",
            "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json",
            Checksum.md5("c2c37ea517e94d9795004a39431a14cb"), file -> read(file));

    private final List<String> names;

    private ImageNetClasses(List<String> names) {
        this.names = names;
    }

    /** The class index, from the configured {@link DataSource}. */
    public static ImageNetClasses load(DataSource source) {
        try {
            return read(source.get(INDEX));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the JSON file: {@code {"0": ["n01440764", "tench"], ...}}. */
    public static ImageNetClasses read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<Integer, List<String>> entries = new Gson().fromJson(reader,
                    new TypeToken<TreeMap<Integer, List<String>>>() { }.getType());
            if (entries == null || entries.isEmpty() || entries.values().stream().anyMatch(e -> e.size() != 2)) {
                throw new InvalidDataFileException(file.getFileName() + " is not a class index of [id, name] pairs");
            }
            return new ImageNetClasses(entries.values().stream().map(e -> e.get(0) + " " + e.get(1)).toList());
        } catch (JsonParseException e) {
            throw new InvalidDataFileException(file.getFileName() + " is not a JSON class index: " + e.getMessage(), e);
        }
    }

    /** The class of output {@code index}: WordNet id and name. */
    public String name(int index) {
        return names.get(index);
    }

    public int size() {
        return names.size();
    }
}
