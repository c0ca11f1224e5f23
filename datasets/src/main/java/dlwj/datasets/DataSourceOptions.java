package dlwj.datasets;

import dlwj.datasets.files.DataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The command-line options that say where data comes from, shared by {@code describe} and every
 * example: {@code --mirror}, {@code --cache-dir}, {@code --local-file}. Each overrides the matching
 * environment setting of {@link DataSource#fromEnvironment()}.
 */
public final class DataSourceOptions {

    @Option(names = "--mirror", paramLabel = "URL|DIR",
            description = "Fetch data files from this URL or folder (holding them under their own names) "
                    + "instead of the canonical hosts. Default: $DLWJ_MIRROR.")
    String mirror;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Cache root for downloaded files. Default: $DLWJ_HOME, else ~/.dlwj.")
    Path cacheDir;

    @Option(names = "--local-file", paramLabel = "[NAME=]PATH",
            description = "Use this file for the data file NAME (default: PATH's own name, e.g. imdb.npz); "
                    + "repeatable.")
    List<String> localFiles = new ArrayList<>();

    /**
     * The environment's data source with these options applied.
     *
     * @throws IllegalArgumentException when a {@code --local-file} names no data file of this project (it
     *                                  would be ignored)
     */
    public DataSource dataSource() {
        DataSource source = DataSource.fromEnvironment();
        if (mirror != null) {
            source = source.withMirror(mirror);
        }
        if (cacheDir != null) {
            source = source.withHome(cacheDir);
        }
        for (String localFile : localFiles) {
            int equals = localFile.indexOf('=');
            Path path = Path.of(equals < 0 ? localFile : localFile.substring(equals + 1));
            String name = equals < 0 ? path.getFileName().toString() : localFile.substring(0, equals);
            if (!DataFiles.names().contains(name)) {
                throw new IllegalArgumentException("--local-file " + localFile + ": '" + name + "' is not a data file "
                        + "name; pass NAME=PATH with NAME one of " + String.join(", ", DataFiles.names()));
            }
            source = source.withLocalFile(name, path);
        }
        return source;
    }
}
