package dev.transformers4j.models.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rule of every folder transformers4j writes: <b>never delete or overwrite what it did not create.</b>
 *
 * <ul>
 *   <li>A folder that does not exist, or an empty one, is written.</li>
 *   <li>An existing non-empty folder is refused, unless the caller asks to overwrite it; then it is replaced only
 *       when it holds a model this library wrote — its marker file {@value #MARKER}, or nothing but the files of a
 *       Hugging Face model folder ({@code config.json}, weights, tokenizer and generation files) — and is not the
 *       root of a file system, the home folder, the working directory, or a folder holding one of them.</li>
 * </ul>
 *
 * Every folder written through {@link ModelFolders#publish} or {@link #createInPlace} gets the marker, a hidden
 * one-line JSON file that Python's {@code from_pretrained} ignores.
 */
public final class OutputFolder {

    /** The file that says "transformers4j wrote this folder". */
    public static final String MARKER = ".transformers4j";

    private static final List<String> WEIGHT_FILES = List.of(Checkpoint.SAFETENSORS, Checkpoint.PYTORCH_BIN,
            Checkpoint.SAFETENSORS + ".index.json", Checkpoint.PYTORCH_BIN + ".index.json");
    private static final Pattern SHARD = Pattern.compile("(model|pytorch_model)-\\d{5}-of-\\d{5}\\.(safetensors|bin)");

    private OutputFolder() {
    }

    /**
     * Checks, before any work, that {@code target} may be written: it is missing or an empty folder, or
     * {@code overwrite} is set and it is a folder this library wrote that is safe to replace.
     *
     * @throws OutputFolderException naming the folder and what to do instead
     */
    public static void check(Path target, boolean overwrite) {
        Path dir = target.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(dir)) {
            throw new OutputFolderException(target, "is a symbolic link: name the folder itself");
        }
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new OutputFolderException(target, "exists and is not a folder: choose a new folder");
        }
        if (isEmpty(dir)) {
            return;
        }
        if (!overwrite) {
            throw new OutputFolderException(target, "exists and is not empty (" + someEntries(dir)
                    + "): choose a new folder, or overwrite it (--overwrite) if transformers4j wrote it");
        }
        requireReplaceable(target, dir);
    }

    /**
     * Makes {@code target} an empty folder of this library's, for writers that fill it in place over a long time
     * (a training run): creates it, or takes an existing empty one, or — with {@code overwrite} and after
     * {@link #check} — replaces a folder this library wrote by a new empty one.
     *
     * @throws OutputFolderException naming the folder when it may not be written
     */
    public static void createInPlace(Path target, boolean overwrite) {
        check(target, overwrite);
        Path dir = target.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                Path old = ModelFolders.moveAside(dir);
                Files.createDirectory(dir);
                ModelFolders.deleteRecursively(old);
            }
            Files.createDirectories(dir);
            mark(dir);
        } catch (IOException e) {
            throw new OutputFolderException(target, "cannot create the folder: " + e.getMessage(), e);
        }
    }

    /**
     * True when {@code dir} holds a model this library wrote: the marker file, or only the files of a Hugging Face
     * model folder with {@code config.json} and weights (no sub-folder, no link, no other file).
     */
    public static boolean writtenByUs(Path dir) {
        if (Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        boolean config = false;
        boolean weights = false;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                boolean weight = WEIGHT_FILES.contains(name) || SHARD.matcher(name).matches();
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        || !(weight || PyTorchConverter.FOLDER_FILES.contains(name))) {
                    return false;
                }
                config |= name.equals("config.json");
                weights |= weight;
            }
        } catch (IOException e) {
            return false;
        }
        return config && weights;
    }

    /** Writes the marker file into {@code dir}. */
    static void mark(Path dir) throws IOException {
        Files.writeString(dir.resolve(MARKER), "{\"written_by\": \"transformers4j\"}\n", StandardCharsets.UTF_8);
    }

    /** Refuses to replace a folder that is not ours or whose loss would take more than a model with it. */
    static void requireReplaceable(Path target, Path dir) {
        String reason = protectedReason(dir);
        if (reason != null) {
            throw new OutputFolderException(target, reason + ": it is never replaced; choose a new folder");
        }
        if (!writtenByUs(dir)) {
            throw new OutputFolderException(target, "was not written by transformers4j (no " + MARKER + " file, and"
                    + " it holds more than a model's files: " + someEntries(dir) + "); --overwrite replaces only a"
                    + " folder transformers4j wrote: choose a new folder");
        }
    }

    /** Why {@code dir} must never be replaced, or null: a file-system root, the home or working folder, or above. */
    static String protectedReason(Path dir) {
        Path real = real(dir);
        if (real.getParent() == null) {
            return "is the root of the file system";
        }
        for (String home : new String[] {System.getProperty("user.home"), System.getenv("HOME")}) {
            if (home != null && !home.isBlank() && real(Path.of(home)).startsWith(real)) {
                return real.equals(real(Path.of(home))) ? "is the home folder" : "holds the home folder";
            }
        }
        Path cwd = real(Path.of("").toAbsolutePath());
        if (cwd.startsWith(real)) {
            return real.equals(cwd) ? "is the working directory" : "holds the working directory";
        }
        return null;
    }

    static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    /** Up to three names in the folder, for a message: {@code notes.txt, data/, …}. */
    private static String someEntries(Path dir) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.sorted().limit(4).forEach(p -> names.add(p.getFileName() + (Files.isDirectory(p) ? "/" : "")));
        } catch (IOException e) {
            return "cannot list it";
        }
        return names.size() > 3 ? String.join(", ", names.subList(0, 3)) + ", …" : String.join(", ", names);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
