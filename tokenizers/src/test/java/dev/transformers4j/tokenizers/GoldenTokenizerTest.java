package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parity with the HF golden files ({@code shared/golden/tokenizers}, copied to test resources): every
 * field of every case must match exactly.
 */
class GoldenTokenizerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> bertMiniLm() throws IOException {
        return cases("bert-minilm");
    }

    @TestFactory
    Stream<DynamicTest> bgeSmallZh() throws IOException {
        return cases("bge-small-zh");
    }

    @TestFactory
    Stream<DynamicTest> gpt2() throws IOException {
        return cases("gpt2");
    }

    @TestFactory
    Stream<DynamicTest> bertMiniLmConfiguredMode() throws IOException {
        Tokenizer tokenizer = load("bert-minilm");
        assertThat(tokenizer.truncation()).isEqualTo(Truncation.of(128));
        assertThat(tokenizer.padding()).isEqualTo(Padding.fixed(128));
        JsonNode golden = golden("bert-minilm");
        List<String> texts = new ArrayList<>();
        golden.get("cases").forEach(c -> texts.add(c.get("text").asText()));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < golden.get("configured_mode_cases").size(); i++) {
            JsonNode expected = golden.get("configured_mode_cases").get(i);
            String text = texts.get(i);
            tests.add(DynamicTest.dynamicTest(expected.get("id").asText(), () -> {
                Encoding e = tokenizer.encode(text);
                assertThat(e.ids()).containsExactly(ints(expected.get("ids")));
                assertThat(e.attentionMask()).containsExactly(ints(expected.get("attention_mask")));
                assertThat(e.typeIds()).containsExactly(ints(expected.get("type_ids")));
                assertThat(e.specialTokensMask()).containsExactly(ints(expected.get("special_tokens_mask")));
                assertThat(e.overflowing()).hasSize(expected.get("overflowing_count").asInt());
                e.overflowing().forEach(o -> assertThat(o.length()).isEqualTo(128));
            }));
        }
        return tests.stream();
    }

    private static Stream<DynamicTest> cases(String name) throws IOException {
        Tokenizer tokenizer = load(name).withTruncation(null).withPadding(null);
        List<DynamicTest> tests = new ArrayList<>();
        golden(name).get("cases").forEach(c -> tests.add(DynamicTest.dynamicTest(
                c.get("id").asText() + " " + c.get("category").asText(), () -> check(tokenizer, c))));
        return tests.stream();
    }

    static void check(Tokenizer tokenizer, JsonNode c) {
        Encoding e = tokenizer.encode(c.get("text").asText());
        assertThat(e.ids()).as("ids").containsExactly(ints(c.get("ids")));
        assertThat(e.tokens()).as("tokens").containsExactly(strings(c.get("tokens")));
        assertThat(e.typeIds()).as("type_ids").containsExactly(ints(c.get("type_ids")));
        assertThat(e.attentionMask()).as("attention_mask").containsExactly(ints(c.get("attention_mask")));
        assertThat(e.specialTokensMask()).as("special_tokens_mask")
                .containsExactly(ints(c.get("special_tokens_mask")));
        assertThat(e.wordIds()).as("word_ids").containsExactly(ints(c.get("word_ids")));
        assertThat(e.codePointOffsets()).as("offsets").isDeepEqualTo(pairs(c.get("offsets")));
        assertThat(e.offsets()).as("offsets_utf16").isDeepEqualTo(pairs(c.get("offsets_utf16")));
        assertThat(utf8Offsets(c.get("text").asText(), e.offsets())).as("offsets_utf8")
                .isDeepEqualTo(pairs(c.get("offsets_utf8")));
        assertThat(tokenizer.decode(e.ids(), true)).as("decoded_skip_special")
                .isEqualTo(c.get("decoded_skip_special").asText());
        assertThat(tokenizer.decode(e.ids(), false)).as("decoded_with_special")
                .isEqualTo(c.get("decoded_with_special").asText());
    }

    /** UTF-16 offsets converted to UTF-8 byte offsets of {@code text}. */
    private static int[][] utf8Offsets(String text, int[][] utf16) {
        int[][] bytes = new int[utf16.length][];
        for (int i = 0; i < utf16.length; i++) {
            bytes[i] = new int[] {text.substring(0, utf16[i][0]).getBytes(StandardCharsets.UTF_8).length,
                    text.substring(0, utf16[i][1]).getBytes(StandardCharsets.UTF_8).length};
        }
        return bytes;
    }

    static Tokenizer load(String name) throws IOException {
        return Tokenizer.fromJson(resource(name + ".tokenizer.json"), name + ".tokenizer.json");
    }

    static JsonNode golden(String name) throws IOException {
        return MAPPER.readTree(resource(name + ".golden.json"));
    }

    static String resource(String file) throws IOException {
        try (InputStream in = GoldenTokenizerTest.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /golden/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** JSON numbers; {@code null} (no word id) becomes -1. */
    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).isNull() ? -1 : array.get(i).asInt();
        }
        return values;
    }

    private static String[] strings(JsonNode array) {
        String[] values = new String[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asText();
        }
        return values;
    }

    private static int[][] pairs(JsonNode array) {
        int[][] values = new int[array.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = ints(array.get(i));
        }
        return values;
    }
}
