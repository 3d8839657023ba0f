package dev.transformers4j.models.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
        Path dir = target.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        if (parent == null) {
            throw new OutputFolderException(target, "is the root of the file system: choose a new folder");
        }
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "." + dir.getFileName() + "." + purpose + "-");
        } catch (IOException e) {
            throw new ModelFileException(target, "cannot create a temporary folder beside it: " + e, e);
        }
    }

    /** What {@link #publish} does when the target folder exists and is not empty. */
    public enum IfExists {
        /** Refuse ({@link OutputFolderException}): the caller's folder stays as it is. */
        REFUSE,
        /** Keep it and drop the new folder: another process made the same folder first (a cache). */
        KEEP,
        /** Replace it, if it is a folder this library wrote ({@link OutputFolder#check}). */
        OVERWRITE
    }

    /**
     * Marks the finished folder {@code tmp} as written by this library ({@link OutputFolder#MARKER}) and renames it
     * to {@code target}. A missing or empty {@code target} is simply taken; a non-empty one is handled as
     * {@code ifExists} says: refused, kept (and {@code tmp} deleted), or — only when {@link OutputFolder} allows it —
     * replaced (moved aside first, deleted after; restored if the rename fails).
     *
     * @return true when {@code tmp} became {@code target}
     * @throws OutputFolderException naming {@code target} when it may not be written
     */
    public static boolean publish(Path tmp, Path target, IfExists ifExists) {
        Path dir = target.toAbsolutePath().normalize();
        Path old = null;
        try {
            OutputFolder.mark(tmp);
            makeReadable(tmp);
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !isEmptyFolder(dir)) {
                if (ifExists == IfExists.KEEP) {
                    deleteRecursively(tmp);
                    return false;
                }
                OutputFolder.check(target, ifExists == IfExists.OVERWRITE);   // appeared since the caller checked
                old = moveAside(dir);
            } else if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                String reason = OutputFolder.protectedReason(dir);
                if (reason != null) {
                    throw new OutputFolderException(target, reason + ": a new folder is renamed into place, so name"
                            + " a new one");
                }
                Files.delete(dir);   // an empty folder the caller may have created
            }
            move(tmp, dir);
        } catch (IOException e) {
            if (ifExists == IfExists.KEEP && Files.exists(dir)) {   // another process published first: theirs is as good
                deleteRecursively(tmp);
                return false;
            }
            restore(old, dir);
            throw new ModelFileException(target, "cannot move the new folder into place: " + e, e);
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

    /**
     * Renames {@code dir} to a new hidden sibling ({@code .name.old-123}) and returns that: the first half of
     * replacing a folder, whose contents stay whole under the hidden name until the caller deletes them.
     */
    static Path moveAside(Path dir) throws IOException {
        Path old = tempSibling(dir, "old");
        Files.delete(old);
        move(dir, old);
        return old;
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

    private static boolean isEmptyFolder(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && OutputFolder.isEmpty(p);
    }
}
