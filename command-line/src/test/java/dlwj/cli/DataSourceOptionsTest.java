package dlwj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.DataFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The data options as a user types them. */
class DataSourceOptionsTest {

    private static DataSourceOptions parse(String... args) {
        DataSourceOptions options = new DataSourceOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void localFileWhoseNameIsNoDataFileIsRefusedListingTheNames() {
        DataSourceOptions options = parse("--local-file", "/downloads/mnist(1).npz");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, options::dataSource);

        assertTrue(e.getMessage().startsWith("--local-file /downloads/mnist(1).npz: 'mnist(1).npz' is not a data file "
                + "name; pass NAME=PATH with NAME one of mnist.npz, "), e.getMessage());
        assertTrue(e.getMessage().contains("cats_and_dogs_filtered.zip"), e.getMessage());
        assertTrue(e.getMessage().contains("imagenet_class_index.json"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void localFileNamedExplicitlyOrByItsOwnNameIsAccepted() {
        assertTrue(parse("--local-file", "mnist.npz=/downloads/mnist(1).npz", "--local-file", "/data/imdb.npz")
                .dataSource().toString().contains("imdb.npz"));
    }

    @Test
    void givenOptionsRenderBackAsArgumentsThatGiveTheSameSource() {
        String[] args = {"--local-file", "mnist.npz=/downloads/mnist(1).npz", "--mirror", "/data/keras",
            "--local-file", "/data/imdb.npz", "--cache-dir", "/tmp/cache"};
        CommandLine given = new CommandLine(new DataSourceOptions());
        given.parseArgs(args);

        List<String> rendered = Commands.givenArguments(given.getCommandSpec().options());

        assertEquals(args.length, rendered.size(), rendered.toString());
        assertEquals(parse(args).dataSource().toString(), parse(rendered.toArray(String[]::new)).dataSource().toString());
        assertTrue(Collections.indexOfSubList(rendered, List.of("--local-file", "mnist.npz=/downloads/mnist(1).npz",
                "--local-file", "/data/imdb.npz")) >= 0, rendered.toString());
        CommandLine none = new CommandLine(new DataSourceOptions());
        none.parseArgs();
        assertEquals(List.of(), Commands.givenArguments(none.getCommandSpec().options()));
    }

    @Test
    void everyDataFileHasItsOwnName() {
        List<String> names = DataFiles.names();

        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
    }

    @Test
    void aLocalFileThatDoesNotExistIsAUsageErrorBeforeAnyWork(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("imdb.npz");

        int status = Commands.execute(new Describe(), new PrintWriter(err, true), "imdb", "--local-file",
                missing.toString(), "--cache-dir", dir.toString());

        assertEquals(2, status);
        assertTrue(err.toString().startsWith("--local-file " + missing + ": there is no file " + missing), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("imdb", "--num-words", "-1"),
                        "--num-words must be 0 (all words) or a positive number, not -1"),
                Arguments.of(List.of("glove", "--embedding-dim", "77"),
                        "--embedding-dim must be one of 50, 100, 200, 300 (GloVe 6B's files), not 77"),
                Arguments.of(List.of("mnist", "--mirror", "htps://example.org/keras"),
                        "--mirror htps://example.org/keras: a mirror is an http, https or file URL, or a folder, not a "
                                + "htps: URL"),
                Arguments.of(List.of("mnist", "--mirror", "http://[bad/"), "--mirror http://[bad/: not a valid URL ("),
                Arguments.of(List.of("mnist", "--mirror", "/no/such/folder"),
                        "--mirror /no/such/folder: there is no folder /no/such/folder"),
                Arguments.of(List.of("mnist", "--cache-dir", ""),
                        "--cache-dir is empty: pass the folder to cache data files in"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void badOptionsAreOneLineWithTheOptionsNameAndUsageStatus(List<String> args, String message) {
        StringWriter err = new StringWriter();

        int status = Commands.execute(new Describe(), new PrintWriter(err, true), args.toArray(String[]::new));

        assertEquals(2, status, err.toString());
        assertTrue(err.toString().startsWith(message), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }
}
