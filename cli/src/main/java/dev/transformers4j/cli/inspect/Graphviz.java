package dev.transformers4j.cli.inspect;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** Graphviz's {@code dot}, found on the PATH, turning DOT text into SVG. */
public final class Graphviz {

    public static final String MISSING = "svg needs Graphviz's `dot` (Debian package graphviz); use --format dot or mermaid";

    private final Path dot;

    private Graphviz(Path dot) {
        this.dot = dot;
    }

    /**
     * The {@code dot} of the first directory of {@code searchPath} (a PATH value) that has one.
     *
     * @throws IllegalArgumentException with {@link #MISSING} when none has
     */
    public static Graphviz onPath(String searchPath) {
        if (searchPath != null) {
            for (String dir : searchPath.split(java.io.File.pathSeparator)) {
                Path candidate = dir.isEmpty() ? null : Path.of(dir, "dot");
                if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new Graphviz(candidate);
                }
            }
        }
        throw new IllegalArgumentException(MISSING);
    }

    /** The SVG of a DOT graph ({@code dot -Tsvg}); fails with dot's first error line. */
    byte[] svg(String dotSource) {
        try {
            Process p = new ProcessBuilder(dot.toString(), "-Tsvg").start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p, false));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p, true));
            try (OutputStream in = p.getOutputStream()) {
                in.write(dotSource.getBytes(StandardCharsets.UTF_8));
            }
            int code = p.waitFor();
            if (code != 0) {
                String message = new String(err.join(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
                throw new IllegalStateException(dot + " -Tsvg failed (exit " + code + "): " + message);
            }
            return out.join();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + dot + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + dot, e);
        }
    }

    private static byte[] readAll(Process p, boolean stderr) {
        try {
            return (stderr ? p.getErrorStream() : p.getInputStream()).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
