package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.io.OutputFolder;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.models.marian.Seq2SeqLMOutput;
import dev.transformers4j.models.testing.Golden;
import dev.transformers4j.models.testing.TorchBin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code t4j convert} on PyTorch checkpoints, and what every command says about a bad pytorch_model.bin. */
class ConvertPyTorchCliTest {

    @TempDir
    Path tmp;

    @Test
    void convertsAMarianFolderIntoOneThatLoadsWithHfLogits() throws IOException {
        Path source = TorchBin.marianFolder(tmp.resolve("opus-mt"));
        Path out = tmp.resolve("converted");
        CliRun r = CliRun.of("convert", source.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + out + ": model.safetensors, 88 tensors from "
                + source.resolve("pytorch_model.bin") + "; stored once: model.encoder.embed_tokens.weight,"
                + " model.decoder.embed_tokens.weight, lm_head.weight as model.shared.weight;"
                + " copied config.json, generation_config.json" + System.lineSeparator());
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("model.safetensors", "config.json", "generation_config.json",
                            OutputFolder.MARKER);
        }

        JsonNode c = Golden.testCase(Golden.json("marian-mt.json"), "single");
        JsonNode in = c.get("inputs");
        int[] shape = Golden.shape(in.get("input_ids"));
        TokenBatch src = new TokenBatch(shape[0], shape[1], Golden.ints(in.get("input_ids")),
                new int[shape[0] * shape[1]], Golden.ints(in.get("attention_mask")));
        Seq2SeqLMOutput logits = MarianMTModel.fromPretrained(out)
                .forward(src, Golden.ints(in.get("decoder_input_ids")), ForwardOptions.DEFAULT);
        Golden.assertClose("logits", logits.logits(), c.get("outputs").get("logits"));
    }

    @Test
    void convertsALoneBinWithATokenizer() throws IOException {
        Path tokenizer = Files.writeString(tmp.resolve("tokenizer.json"), "{}");
        Path out = tmp.resolve("tiny");
        CliRun r = CliRun.of("convert", TorchBin.file("tiny.bin").toString(), "--tokenizer", tokenizer.toString(),
                "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(": model.safetensors, 11 tensors from ", "; stored once: tied_a as shared_a",
                "; copied tokenizer.json");
        assertThat(out.resolve("model.safetensors")).exists();
        assertThat(out.resolve("tokenizer.json")).hasContent("{}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "evil-os-system.bin      | refuses to load: the pickle asks for os.system; only tensor storages are allowed",
        "evil-stack-global.bin   | refuses to load: the pickle asks for os.system;",
        "evil-builtins-eval.bin  | refuses to load: the pickle asks for builtins.eval;",
        "evil-reduce-storage.bin | refuses to load: the pickle asks for a call of torch.FloatStorage;",
        "missing-storage.bin     | storage 'data/3' is missing from the archive",
        "past-end.bin            | tensor 'w' (shape [2, 2], stride [2, 1], offset 1 of storage 'data/0') reaches past",
        "legacy.bin              | is in PyTorch's legacy format (torch.save before PyTorch 1.6)",
        "big-endian.bin          | stores big-endian tensors",
    })
    void aBadCheckpointIsOneLineAndExitCode2(String fixture, String message) {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("convert", TorchBin.file(fixture).toString(), "--out", out.toString());
        assertOneLine(r, "t4j convert: " + TorchBin.file(fixture) + ": " + message);
        assertThat(out).doesNotExist();
    }

    @Test
    void aTruncatedZipAndAZipWithoutDataPklAreOneLineEach() throws IOException {
        byte[] whole = Files.readAllBytes(TorchBin.file("tiny.bin"));
        Path cut = Files.write(tmp.resolve("cut.bin"), Arrays.copyOf(whole, whole.length - 100));
        assertOneLine(CliRun.of("convert", cut.toString(), "--out", tmp.resolve("a").toString()),
                "t4j convert: " + cut + ": is a truncated or damaged zip archive (");
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        assertOneLine(CliRun.of("convert", empty.toString(), "--out", tmp.resolve("b").toString()),
                "t4j convert: " + empty.resolve("pytorch_model.bin") + ": file not found");
    }

    @Test
    void loadingAFolderWithAHostileBinRefusesIt() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("gpt2-poisoned"));
        Files.copy(Golden.dir("gpt2-lm").resolve("config.json"), dir.resolve("config.json"));
        Files.copy(TorchBin.file("evil-os-system.bin"), dir.resolve("pytorch_model.bin"));
        CliRun r = CliRun.of("forward", "--model", dir.toString(), "--ids", "1,2,3");
        assertOneLine(r, "t4j forward: " + dir.resolve("pytorch_model.bin") + ": refuses to load: the pickle asks"
                + " for os.system; only tensor storages are allowed (PyTorch weights_only)");
    }

    /** Exit code 2 and, besides log lines, one error line starting with {@code start}; no stack trace. */
    private static void assertOneLine(CliRun r, String start) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        var lines = r.err().lines().filter(l -> l.startsWith("t4j ")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith(start);
        assertThat(r.err()).doesNotContain("\tat ");
    }
}
