package dev.transformers4j.figures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a picture atomically (a temporary file beside it, then a rename: a reader never sees half of one), with a
 * message that names the file and why it failed.
 */
public final class FigureFiles {

    private FigureFiles() {
    }

    /**
     * Fails early, before any work, when {@code file} obviously cannot be written: its folder is a file, or exists
     * but is not writable (a missing folder is created when writing).
     *
     * @throws IllegalArgumentException naming the file and why
     */
    public static void checkWritable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(file + ": cannot write the picture: " + dir + " is not a folder");
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw new IllegalArgumentException(file + ": cannot write the picture: permission denied (" + dir + ")");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": cannot write the picture: it is a folder");
        }
    }

    /**
     * Writes {@code bytes} to {@code file}, creating its folder; on failure the previous content (if any) is left.
     *
     * @throws UncheckedIOException naming {@code file} when it cannot be written
     */
    public static void write(Path file, byte[] bytes) {
        Path dir = file.toAbsolutePath().getParent();
        Path partial = null;
        try {
            Files.createDirectories(dir);
            partial = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");       // private: 0600
            Files.write(partial, bytes);
            if (Files.getFileStore(partial).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            }
            rename(partial, file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the picture: " + reason(e), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
        } catch (IOException ignored) {
            // best effort: a leftover has a dot-name and a .tmp suffix
        }
    }

    private static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied (" + a.getFile() + ")";
            case FileAlreadyExistsException f -> f.getFile() + " exists and is not a folder";
            case NotDirectoryException n -> n.getFile() + " is not a folder";
            case NoSuchFileException n -> "cannot create files in " + Path.of(n.getFile()).getParent();
            case FileSystemException f -> f.getReason() == null ? f.toString() : f.getReason() + " (" + f.getFile() + ")";
            default -> e.getMessage() == null ? e.toString() : e.getMessage();
        };
    }
}
