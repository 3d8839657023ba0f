package dev.transformers4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

    /** Built-in models are converted once per build into this folder. */
    static final Path HOME = Path.of("target", "t4j-home").toAbsolutePath();

    /**
     * Runs {@code t4j args}; {@code err} holds what the command printed and what was logged (warnings go
     * through the logger to the process's standard error, as they do when the tool runs for real).
     */
    static synchronized CliRun of(String... args) {
        System.setProperty("t4j.home", HOME.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream realErr = System.err;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setErr(realErr);
        }
        return new CliRun(code, out.toString(), logged.toString(StandardCharsets.UTF_8) + err);
    }

    /** Runs {@code t4j args} with {@code stdin} as standard input. */
    static synchronized CliRun withStdin(String stdin, String... args) {
        java.io.InputStream realIn = System.in;
        System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return of(args);
        } finally {
            System.setIn(realIn);
        }
    }

    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
        }
    }
}
