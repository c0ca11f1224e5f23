package dlwj.datasets.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a folder, one line each with its size and modification time: what a folder checked in full
 * once (every picture decoded, every text read) must still hold for that check to stand, compared in
 * milliseconds instead of being checked again.
 */
final class FolderListing {

    private FolderListing() {
    }

    /** The regular files under {@code folder}, except its {@link ArchiveExtraction#MARKER}, sorted by path. */
    static List<String> of(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals(ArchiveExtraction.MARKER))
                    .toList();
        }
        List<String> lines = new ArrayList<>(files.size());
        for (Path file : files) {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            lines.add(folder.relativize(file).toString().replace('\\', '/') + "\t" + attributes.size() + " bytes\t"
                    + attributes.lastModifiedTime().toMillis());
        }
        Collections.sort(lines);
        return lines;
    }

    /** The first difference between a recorded listing and the current one, as a person reads it; empty if none. */
    static Optional<String> difference(List<String> recorded, List<String> current) {
        if (recorded.equals(current)) {
            return Optional.empty();
        }
        if (recorded.isEmpty()) {
            return Optional.of("it does not record the files it was extracted with");
        }
        Set<String> now = new HashSet<>(current);
        Optional<String> changed = recorded.stream().filter(line -> !now.contains(line)).findFirst();
        if (changed.isPresent()) {
            return Optional.of(changed.get().substring(0, changed.get().indexOf('\t'))
                    + " is missing or changed since it was checked");
        }
        Set<String> before = new HashSet<>(recorded);
        String added = current.stream().filter(line -> !before.contains(line)).findFirst().orElseThrow();
        return Optional.of(added.substring(0, added.indexOf('\t')) + " was added since it was checked");
    }
}
