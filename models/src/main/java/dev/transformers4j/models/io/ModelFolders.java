package dev.transformers4j.models.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Folders that appear whole or not at all: a model folder is written into a hidden temporary sibling
 * ({@code .name.tmp-123}), then renamed into place, so a crash never leaves a half-written folder under the
 * real name (at worst a hidden temporary one).
 */
public final class ModelFolders {

    private ModelFolders() {
    }

    /** A new, empty, hidden temporary folder beside {@code target} (same file system, so a rename is atomic). */
    public static Path tempSibling(Path target, String purpose) {
        Path parent = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "." + target.getFileName() + "." + purpose + "-");
        } catch (IOException e) {
            throw new ModelFileException(target, "cannot create a temporary folder beside it: " + e, e);
        }
    }

    /**
     * Renames the finished folder {@code tmp} to {@code target}. An existing {@code target} is replaced when
     * {@code replace} (moved aside first, deleted after; restored if the rename fails); otherwise it is kept
     * and {@code tmp} deleted.
     *
     * @return true when {@code tmp} became {@code target}
     */
    public static boolean publish(Path tmp, Path target, boolean replace) {
        Path old = null;
        try {
            makeReadable(tmp);
            if (Files.exists(target) && !isEmptyFolder(target)) {
                if (!replace) {
                    deleteRecursively(tmp);
                    return false;
                }
                old = tempSibling(target, "old");
                Files.delete(old);
                move(target, old);
            } else {
                Files.deleteIfExists(target);   // an empty folder the caller may have created
            }
            move(tmp, target);
        } catch (IOException e) {
            if (!replace && Files.exists(target)) {   // another process published first: theirs is as good
                deleteRecursively(tmp);
                return false;
            }
            restore(old, target);
            throw new ModelFileException(target, "cannot move the converted model into place: " + e, e);
        }
        if (old != null) {
            deleteRecursively(old);
        }
        return true;
    }

    /** Deletes a file or folder tree; missing is fine. */
    public static void deleteRecursively(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: what is left is a hidden temporary folder
        }
    }

    // temporary folders and files are created owner-only (0700 / 0600); a model folder is an ordinary one
    private static void makeReadable(Path folder) throws IOException {
        if (!Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void restore(Path old, Path target) {
        if (old != null && !Files.exists(target)) {
            try {
                move(old, target);
            } catch (IOException ignored) {
                // the previous folder stays under its hidden name
            }
        }
    }

    private static boolean isEmptyFolder(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
