package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.tokenizers.decoders.FuseDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * HF's {@code Fuse} decoder: tokens joined with no separator. Checked on its own, and against HF's Rust
 * implementation on a character-level BPE tokenizer (chars as vocabulary, no merges, {@code <unk>}).
 */
class FuseDecoderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CHARS = "\n !',.:;?ABCabcé中🤗";

    @Test
    void joinsTokensWithoutSeparator() {
        assertThat(FuseDecoder.INSTANCE.decodeChain(List.of("He", "l", "lo", " ", "\n"))).containsExactly("Hello \n");
        assertThat(FuseDecoder.INSTANCE.decode(List.of())).isEmpty();
    }

    @Test
    void isReadFromTokenizerJsonAndDecodesAsHf() throws Exception {
        String json = MAPPER.writeValueAsString(charTokenizer());
        Tokenizer ours = Tokenizer.fromJson(json, "char.json");
        assertThat(ours.pipeline().decoder()).isSameAs(FuseDecoder.INSTANCE);
        int vocab = ours.vocabSize();
        Random random = new Random(7);
        List<String> failures = new ArrayList<>();
        int n = 300;
        try (HfReference ref = new HfReference(json, Map.of("truncation", "false", "padding", "false"))) {
            for (int i = 0; i < n; i++) {
                int[] ids = random.ints(random.nextInt(12), 0, vocab).toArray();
                ByteLevelDifferentialTest.checkDecode(failures, "ids " + i, ours, ref, ids);
            }
        }
        ByteLevelDifferentialTest.report("Fuse decode of random ids", n * 2, failures);
    }

    @Test
    void charTokenizerRoundTripsText() {
        Tokenizer ours = Tokenizer.fromJson(charTokenizer().toString(), "char.json");
        String text = "Abc, cab!\n\n  é中🤗?";
        Encoding e = ours.encode(text);
        assertThat(e.ids()).hasSize(text.codePointCount(0, text.length()));
        assertThat(ours.decode(e.ids(), false)).isEqualTo(text);
        assertThat(ours.decode(ours.encode("xyz").ids(), false)).isEqualTo("<unk><unk><unk>");
    }

    /** A character-level tokenizer.json: BPE over {@link #CHARS}, no merges, unknown token, Fuse decoder. */
    private static ObjectNode charTokenizer() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.putArray("added_tokens");
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.put("unk_token", "<unk>");
        model.put("fuse_unk", false);
        ObjectNode vocab = model.putObject("vocab");
        CHARS.codePoints().forEach(c -> vocab.put(Character.toString(c), vocab.size()));
        vocab.put("<unk>", vocab.size());
        model.putArray("merges");
        root.putObject("decoder").put("type", "Fuse");
        return root;
    }
}
