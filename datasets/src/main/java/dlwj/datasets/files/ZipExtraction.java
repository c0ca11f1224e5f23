package dlwj.datasets.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts one top-level folder of a zip into place atomically: into a temporary folder beside the
 * target first, checked, then renamed, so an interrupted extraction never leaves a half folder.
 */
final class ZipExtraction {

    private static final Logger log = LoggerFactory.getLogger(ZipExtraction.class);

    private ZipExtraction() {
    }

    static void extractFolder(Path zipFile, String folder, Path target, FileValidator check) throws IOException {
        Path temporary = Files.createTempDirectory(target.getParent(), "." + folder + ".");
        try {
            log.info("Extracting {} from {}", folder, zipFile.getFileName());
            try (ZipFile zip = new ZipFile(zipFile.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (!entry.getName().startsWith(folder + "/") || entry.isDirectory()) {
                        continue;
                    }
                    Path destination = temporary.resolve(entry.getName()).normalize();
                    if (!destination.startsWith(temporary)) {
                        throw new InvalidDataFileException(zipFile.getFileName() + " has an entry outside its folder: "
                                + entry.getName());
                    }
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, destination);
                    }
                }
            }
            Path extracted = temporary.resolve(folder);
            check.validate(extracted);
            deleteTree(target);
            Files.move(extracted, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(temporary);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
