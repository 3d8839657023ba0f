package dev.transformers4j.models.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The golden tiny Marian ({@code marian-mt}: vocab 1000, EOS 0, pad 999) in a folder together with a word-level
 * {@code tokenizer.json} for its ids (HF's has none): token i is {@code t<i>} ({@code </s>} = 0, {@code <unk>} = 1,
 * {@code <pad>} = 999), words split on whitespace, {@code $A </s>} appended. So {@code "t816 t282"} encodes to
 * {@code [816, 282, 0]} and generated ids decode to their words.
 */
public final class GoldenMarian {

    private GoldenMarian() {
    }

    /** Copies config.json, generation_config.json and model.safetensors into {@code dir} and writes tokenizer.json. */
    public static Path folderWithTokenizer(Path dir) {
        try {
            Files.createDirectories(dir);
            Path golden = Golden.dir("marian-mt");
            for (String f : new String[] {"config.json", "generation_config.json", "model.safetensors"}) {
                Files.copy(golden.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words of {@code ids}, special ids (0, 1, 999) left out: what the tokenizer decodes them to. */
    public static String text(int... ids) {
        return Arrays.stream(ids).filter(id -> id != 0 && id != 1 && id != 999).mapToObj(GoldenMarian::token)
                .collect(Collectors.joining(" "));
    }

    static String token(int id) {
        return switch (id) {
            case 0 -> "</s>";
            case 1 -> "<unk>";
            case 999 -> "<pad>";
            default -> "t" + id;
        };
    }

    /** A WordPiece tokenizer.json (whole words only) over the 1000 tokens. */
    public static String tokenizerJson() {
        StringBuilder vocab = new StringBuilder();
        for (int id = 0; id < 1000; id++) {
            vocab.append(id == 0 ? "" : ",").append('"').append(token(id)).append("\":").append(id);
        }
        return """
                {"version":"1.0","truncation":null,"padding":null,
                 "added_tokens":[%s,%s,%s],
                 "normalizer":null,
                 "pre_tokenizer":{"type":"WhitespaceSplit"},
                 "post_processor":{"type":"TemplateProcessing",
                   "single":[{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"</s>","type_id":0}}],
                   "pair":[{"Sequence":{"id":"A","type_id":0}},{"Sequence":{"id":"B","type_id":0}},
                           {"SpecialToken":{"id":"</s>","type_id":0}}],
                   "special_tokens":{"</s>":{"id":"</s>","ids":[0],"tokens":["</s>"]}}},
                 "decoder":{"type":"WordPiece","prefix":"##","cleanup":false},
                 "model":{"type":"WordPiece","unk_token":"<unk>","continuing_subword_prefix":"##",
                   "max_input_chars_per_word":100,"vocab":{%s}}}
                """.formatted(added(0), added(1), added(999), vocab);
    }

    private static String added(int id) {
        return "{\"id\":" + id + ",\"content\":\"" + token(id) + "\",\"single_word\":false,\"lstrip\":false,"
                + "\"rstrip\":false,\"normalized\":false,\"special\":true}";
    }
}
