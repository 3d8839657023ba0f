package dev.transformers4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.testing.Golden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The golden HF checkpoints (gpt2-lm, bert-mlm: 1000-token vocabularies, no tokenizer) copied into model folders
 * with a word-level tokenizer.json whose word {@code w17} is id 17. So the text {@code "w691 w622"} is exactly the
 * golden input ids [691, 622], and what the API answers for it can be compared with HF's golden outputs.
 */
final class GoldenFolders {

    private GoldenFolders() {
    }

    /** A copy of {@code golden/<name>} under {@code parent}, with the {@code w<id>} tokenizer.json. */
    static Path folder(Path parent, String name) {
        Path dir = parent.resolve(name);
        try {
            Files.createDirectories(dir);
            try (var files = Files.list(Golden.dir(name))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            Files.writeString(dir.resolve("tokenizer.json"), wordTokenizer(1000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The text whose tokens are {@code ids}: {@code "w691 w622 ..."}. */
    static String text(int[] ids) {
        return Arrays.stream(ids).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    }

    /** A WordPiece tokenizer.json over whitespace-separated words w0 … w(n−1), no special tokens added. */
    private static String wordTokenizer(int n) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "WhitespaceSplit");
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", false);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece").put("unk_token", "w0").put("continuing_subword_prefix", "##")
                .put("max_input_chars_per_word", 100);
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < n; i++) {
            vocab.put("w" + i, i);
        }
        return root.toString();
    }
}
