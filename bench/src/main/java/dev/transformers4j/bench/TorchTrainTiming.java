package dev.transformers4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs {@code train_torch.py} (the configurations of {@code t4j bench train} in PyTorch + transformers) with the
 * given Python and returns its JSON; {@code {"skipped": why}} when Python, torch or transformers is missing.
 */
final class TorchTrainTiming {

    private TorchTrainTiming() {
    }

    static JsonNode run(String python, int threads, int steps, int warmup, Path encoderDir, PrintWriter err) {
        ObjectMapper json = new ObjectMapper();
        if (python.equals("none")) {
            return json.createObjectNode().put("skipped", "--python none");
        }
        Path script = null;
        try (InputStream in = TorchTrainTiming.class.getResourceAsStream("train_torch.py")) {
            script = Files.createTempFile("t4j-train-torch", ".py");
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Process p = new ProcessBuilder(List.of(python, script.toString(), "--threads", String.valueOf(threads),
                    "--steps", String.valueOf(steps), "--warmup", String.valueOf(warmup),
                    "--encoder", encoderDir.toString()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
}
