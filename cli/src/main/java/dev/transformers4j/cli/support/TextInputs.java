package dev.transformers4j.cli.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The texts of a command: arguments, or one per line from {@code --input FILE} ({@code -} = standard input). */
public final class TextInputs {

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts (or use --input).")
    public List<String> texts = new ArrayList<>();

    @Option(names = "--input", paramLabel = "FILE", description = "Read one text per line from FILE ('-' = stdin).")
    public String input;

    /** All texts, in order; fails with a clear message when there are none. */
    public List<String> read() {
        List<String> out = new ArrayList<>(texts);
        if (input != null) {
            out.addAll(input.equals("-") ? readStdin() : readFile(Path.of(input)));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no texts: give them as arguments or with --input FILE");
        }
        return out;
    }

    private static List<String> readFile(Path file) {
        try {
            return nonEmpty(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--input: " + file + ": file not found");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("--input: " + file + ": not valid UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException("--input: " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> readStdin() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            return nonEmpty(r.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> nonEmpty(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).toList();
    }
}
