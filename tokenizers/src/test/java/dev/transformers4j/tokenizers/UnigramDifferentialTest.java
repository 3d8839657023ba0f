package dev.transformers4j.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A converted SentencePiece tokenizer (Precompiled + Strip + Replace normalizers, Metaspace, Unigram,
 * Metaspace decoder; see {@code src/test/resources/sentencepiece/README.md}) against HF's Rust
 * tokenizers on seeded random texts: ids, tokens, offsets, masks and decoding, for the file as HF's
 * converter writes it and for variants of its settings.
 */
class UnigramDifferentialTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FIXTURE = "/sentencepiece/unigram-nmt-nfkc.tokenizer.json";
    private static final int TEXTS = 1500;
    /** Lowercase English (the fixture's pieces are ALBERT's) and what SentencePiece normalization rewrites. */
    static final List<String> SPM_FRAGMENTS = List.of("the", "of", "and", "translation", "machine", "small frog",
            "teacher", "asked", "advice", "tokenizer", "sentence", "piece", "hello world", "ﬁ", "ﬀ", "Ⅻ", "ＡＢＣ",
            "ａｂｃ", "１２３", "ｶﾀｶﾅ", "𝔾𝕠", "™", "℃", "㍿", "x²", "ड़ी दुख", "เขาไม่ได้พูดสักคำ", "آپ", "e\u0301\u0301",
            "\u2581", "\u2581\u2581x", "  \t ", "\u2003", "\u3000\u3000", "<unk>", "</s>", "<s>", ">>fr<<");

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("as converted", (Consumer<ObjectNode>) root -> { }),
                Arguments.of("prepend first", (Consumer<ObjectNode>) root -> prependScheme(root, "first", true)),
                Arguments.of("prepend never, no split", (Consumer<ObjectNode>) root -> prependScheme(root, "never", false)),
                Arguments.of("legacy add_prefix_space", (Consumer<ObjectNode>) UnigramDifferentialTest::legacyMetaspace),
                Arguments.of("Precompiled only", (Consumer<ObjectNode>) root -> {
                    ArrayNode normalizers = (ArrayNode) root.get("normalizer").get("normalizers");
                    normalizers.remove(2);
                    normalizers.remove(1);
                }),
                Arguments.of("no normalizer, byte fallback", (Consumer<ObjectNode>) root -> {
                    root.putNull("normalizer");
                    ObjectNode model = (ObjectNode) root.get("model");
                    model.put("byte_fallback", true);
                    for (int b = 0; b < 256; b++) {
                        ((ArrayNode) model.get("vocab")).addArray().add(String.format("<0x%02X>", b)).add(0.0);
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void matchesHf(String name, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(HfReference.resource(FIXTURE));
        edit.accept(root);
        String json = MAPPER.writeValueAsString(root);
        Tokenizer ours = Tokenizer.fromJson(json, name);
        RandomText random = new RandomText(name.hashCode(), SPM_FRAGMENTS);
        List<String> failures = new ArrayList<>();
        try (HfReference ref = new HfReference(json, Map.of("truncation", "false", "padding", "false"))) {
            for (int i = 0; i < TEXTS; i++) {
                String text = i % 3 == 0 ? random.next().toLowerCase(java.util.Locale.ROOT) : random.next();
                Encoding mine = ours.encode(text);
                ByteLevelDifferentialTest.check(failures, "text " + i, text, mine, ref.hf.encode(text));
                ByteLevelDifferentialTest.check(failures, "no-special " + i, text, ours.encode(text, false),
                        ref.hf.encode(text, false, false));
                String second = random.next();
                ByteLevelDifferentialTest.check(failures, "pair " + i, text + " | " + second,
                        ours.encodePair(text, second), ref.hf.encode(text, second));
                ByteLevelDifferentialTest.checkDecode(failures, "decode " + i, ours, ref, mine.ids());
            }
        }
        ByteLevelDifferentialTest.report("Unigram " + name, TEXTS * 5, failures);
    }

    private static void prependScheme(ObjectNode root, String scheme, boolean split) {
        for (String component : List.of("pre_tokenizer", "decoder")) {
            ObjectNode node = (ObjectNode) root.get(component);
            node.put("prepend_scheme", scheme);
            node.put("split", split);
        }
    }

    /** The Metaspace format before tokenizers 0.19: {@code add_prefix_space} instead of {@code prepend_scheme}. */
    private static void legacyMetaspace(ObjectNode root) {
        for (String component : List.of("pre_tokenizer", "decoder")) {
            ObjectNode node = (ObjectNode) root.get(component);
            node.remove("prepend_scheme");
            node.remove("split");
            node.put("add_prefix_space", true);
        }
    }

    static JsonNode fixture() throws Exception {
        return MAPPER.readTree(HfReference.resource(FIXTURE));
    }
}
