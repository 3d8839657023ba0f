package dev.transformers4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code checkpoint-N} folders of an output directory. A checkpoint is written into a hidden temporary
 * folder beside it and renamed into place only when complete, so a reader sees either the whole checkpoint
 * or none; a failure removes the temporary folder and leaves every earlier checkpoint as it was.
 */
final class CheckpointFolders {

    /** Fills a folder with a checkpoint's files. */
    @FunctionalInterface
    interface Writer {
        void write(Path dir) throws IOException;
    }

    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)");

    private CheckpointFolders() {
    }

    /**
     * Writes {@code checkpoint-<step>} atomically and returns its path.
     *
     * @throws CheckpointException naming the checkpoint folder when any file cannot be written
     */
    static Path publish(Path outputDir, int step, Writer writer) {
        Path target = outputDir.resolve("checkpoint-" + step);
        Path tmp = outputDir.resolve(".tmp-checkpoint-" + step);
        try {
            deleteRecursively(tmp);                                   // a leftover of a crash
            Files.createDirectories(tmp);
            writer.write(tmp);
            if (Files.exists(target)) {                               // re-saving a step: swap the old one out
                Path old = outputDir.resolve(".old-checkpoint-" + step);
                deleteRecursively(old);
                Files.move(target, old);
                move(tmp, target);
                deleteRecursively(old);
            } else {
                move(tmp, target);
            }
            return target;
        } catch (IOException | UncheckedIOException | dev.transformers4j.models.io.ModelFileException e) {
            throw new CheckpointException(target, "cannot write the checkpoint (earlier checkpoints are intact): "
                    + e.getMessage(), e);
        } finally {
            try {
                deleteRecursively(tmp);
            } catch (IOException ignored) {
                // best effort: the hidden folder is ignored by latest() and removed by the next save
            }
        }
    }

    /** Deletes all but the newest {@code keep} checkpoints ({@code keep = 0}: keeps all). */
    static void rotate(Path outputDir, int keep) throws IOException {
        List<Path> all = list(outputDir);
        for (int i = 0; keep > 0 && i < all.size() - keep; i++) {
            deleteRecursively(all.get(i));
        }
    }

    /** The checkpoint folders, oldest (smallest step) first. */
    static List<Path> list(Path outputDir) throws IOException {
        if (!Files.isDirectory(outputDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(outputDir)) {
            return s.filter(p -> step(p) >= 0 && Files.isDirectory(p))
                    .sorted(Comparator.comparingInt(CheckpointFolders::step)).toList();
        }
    }

    /** The step of a {@code checkpoint-N} folder, or -1 for any other name. */
    static int step(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
