package dlwj.datasets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dlwj.datasets.files.DataReader;
import dlwj.datasets.files.DatasetUnavailableException;
import dlwj.datasets.files.InvalidDataFileException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a verified data file, turning a failure into one message that names the file. */
final class FileReading {

    private FileReading() {
    }

    /** {@code reader}'s result; a file it cannot read is a {@link DatasetUnavailableException} saying what to do. */
    static <T> T read(Path file, DataReader<T> reader) {
        try {
            return reader.read(file);
        } catch (IOException e) {
            throw new DatasetUnavailableException("Could not read " + file + ": " + e.getMessage()
                    + "\nDelete it to have it fetched again (or, if you gave it with --local-file, give a good copy).", e);
        }
    }

    /**
     * A decimal number of a text data file (GloVe's vectors, Jena's CSV) as Python's {@code float()} reads it,
     * or NaN when {@code text} is not one: digits with an optional sign, point and exponent. Java's own extras
     * ({@code NaN}, {@code Infinity}, hex, a trailing {@code d} or {@code f}, spaces) are not numbers here.
     */
    static double decimal(String text) {
        if (text.isEmpty()) {
            return Double.NaN;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A JSON file whose top level is an object, such as Keras' word and class indexes ({@code what}). */
    static JsonObject jsonObject(Path file, String what) throws IOException {
        JsonElement json;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            json = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            throw new InvalidDataFileException(file.getFileName() + " is not valid JSON (" + e.getMessage()
                    + "), so not " + what, e);
        }
        if (!json.isJsonObject()) {
            throw new InvalidDataFileException(file.getFileName() + " holds a JSON " + kind(json) + ", not " + what
                    + " (a JSON object)");
        }
        return json.getAsJsonObject();
    }

    /** The kind of a JSON value, in JSON's words. */
    static String kind(JsonElement json) {
        if (json.isJsonNull()) {
            return "null";
        }
        if (json.isJsonArray()) {
            return "array";
        }
        if (json.isJsonObject()) {
            return "object";
        }
        return json.getAsJsonPrimitive().isNumber() ? "number " + json
                : json.getAsJsonPrimitive().isBoolean() ? "boolean " + json : "string " + json;
    }
}
