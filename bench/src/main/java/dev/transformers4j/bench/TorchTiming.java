package dev.transformers4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one of the benchmark's Python scripts ({@code train_torch.py}, {@code translate_torch.py}: the same
 * configurations in PyTorch + transformers) with the given Python and returns the JSON object it prints last;
 * {@code {"skipped": why}} when Python, torch or transformers is missing.
 */
final class TorchTiming {

    private TorchTiming() {
    }

    /** The Python to run: the {@code --python} flag, else {@code $T4J_PYTHON}, else {@code python3}. */
    static String python(String flag) {
        if (flag != null) {
            return flag;
        }
        String env = System.getenv("T4J_PYTHON");
        return env != null && !env.isBlank() ? env : "python3";
    }

    static JsonNode run(String python, String scriptResource, List<String> args) {
        ObjectMapper json = new ObjectMapper();
        if (python.equals("none")) {
            return json.createObjectNode().put("skipped", "--python none");
        }
        Path script = null;
        try (InputStream in = TorchTiming.class.getResourceAsStream(scriptResource)) {
            script = Files.createTempFile("t4j-torch", ".py");
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            List<String> command = new ArrayList<>(List.of(python, script.toString()));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int code = p.waitFor();
            String last = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
            if (code != 0 || !last.startsWith("{")) {
                return json.createObjectNode().put("skipped", python + " exited with " + code + ": " + last);
            }
            return json.readTree(last);
        } catch (IOException e) {
            return json.createObjectNode().put("skipped", "cannot run " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return json.createObjectNode().put("skipped", "interrupted");
        } finally {
            if (script != null) {
                try {
                    Files.deleteIfExists(script);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** Deletes a temporary folder of the benchmark (best effort). */
    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
