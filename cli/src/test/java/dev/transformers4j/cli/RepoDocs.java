package dev.transformers4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's root and its markdown documentation, for the tests that keep docs/ honest. */
final class RepoDocs {

    private RepoDocs() {
    }

    /** The folder holding {@code docs/} and the parent {@code pom.xml}, found upwards from the working directory. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("cli/pom.xml"))) {
                return p;
            }
        }
        throw new AssertionError("no repository root (a folder with docs/ and cli/pom.xml) above "
                + Path.of("").toAbsolutePath());
    }

    /** Every {@code .md} file under {@code docs/}, sorted by path. */
    static List<Path> markdownFiles() {
        try (Stream<Path> files = Files.walk(root().resolve("docs"))) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
