package dev.transformers4j.learn.render;

import dev.transformers4j.models.io.AtomicFiles;
import dev.transformers4j.models.io.ModelFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Writes a picture atomically (temp file + rename), with a message that names the file and why it failed. */
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

    /** @throws UncheckedIOException naming {@code file} when it cannot be written */
    static void write(Path file, byte[] bytes) {
        try {
            AtomicFiles.write(file, out -> out.write(bytes));
        } catch (ModelFileException e) {
            throw new UncheckedIOException(file + ": cannot write the picture: " + reason(e.getCause()),
                    e.getCause() instanceof IOException io ? io : new IOException(e));
        }
    }

    private static String reason(Throwable t) {
        return switch (t) {
            case AccessDeniedException a -> "permission denied (" + a.getFile() + ")";
            case FileAlreadyExistsException f -> f.getFile() + " exists and is not a folder";
            case NotDirectoryException n -> n.getFile() + " is not a folder";
            case NoSuchFileException n -> "cannot create files in " + Path.of(n.getFile()).getParent();
            case FileSystemException f -> f.getReason() == null ? f.toString() : f.getReason() + " (" + f.getFile() + ")";
            case null -> "unknown error";
            default -> t.getMessage() == null ? t.toString() : t.getMessage();
        };
    }
}
