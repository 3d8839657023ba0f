package dev.transformers4j.tokenizers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BPE model's options against HF on small random vocabularies (letters a-e, random merges) and
 * random words with unknown characters: unknown token with and without fusing, byte fallback,
 * continuing-subword prefix and end-of-word suffix, ignore_merges, and no unknown token at all.
 */
class BpeOptionsDifferentialTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String LETTERS = "abcde";
    private static final List<String> OTHERS = List.of("x", "é", "中", "🤗", "xx", "é中");

    /** name, unk_token, prefix, suffix, fuse_unk, byte_fallback, ignore_merges */
    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of("unk", "<unk>", null, null, false, false, false),
                Arguments.of("fused unk", "<unk>", null, null, true, false, false),
                Arguments.of("no unk", null, null, null, false, false, false),
                Arguments.of("byte fallback + fused unk", "<unk>", null, null, true, true, false),
                Arguments.of("byte fallback, no unk", null, null, null, false, true, false),
                Arguments.of("prefix ## + suffix </w>", "<unk>", "##", "</w>", false, false, false),
                Arguments.of("ignore merges", "<unk>", null, null, false, false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void matchesHf(String name, String unk, String prefix, String suffix, boolean fuseUnk, boolean byteFallback,
            boolean ignoreMerges) throws Exception {
        Random random = new Random(name.hashCode());
        String json = MAPPER.writeValueAsString(tokenizer(random, unk, prefix, suffix, fuseUnk, byteFallback,
                ignoreMerges));
        Tokenizer ours = Tokenizer.fromJson(json, name);
        List<String> failures = new ArrayList<>();
        int n = 1500;
        try (HfReference ref = new HfReference(json, Map.of("truncation", "false", "padding", "false"))) {
            for (int i = 0; i < n; i++) {
                String text = text(random);
                Encoding mine = ours.encode(text);
                ByteLevelDifferentialTest.check(failures, "text " + i, text, mine, ref.hf.encode(text));
                ByteLevelDifferentialTest.checkDecode(failures, "decode " + i, ours, ref, mine.ids());
            }
        }
        ByteLevelDifferentialTest.report("BPE " + name, n * 3, failures);
    }

    private static ObjectNode tokenizer(Random random, String unk, String prefix, String suffix, boolean fuseUnk,
            boolean byteFallback, boolean ignoreMerges) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        if (unk != null) {
            vocab.put(unk, 0);
        }
        for (char c : LETTERS.toCharArray()) {
            String s = String.valueOf(c);
            for (String token : List.of(s, affix(prefix, s, null), affix(null, s, suffix), affix(prefix, s, suffix))) {
                vocab.putIfAbsent(token, vocab.size());
            }
        }
        if (byteFallback) { // ASCII and the bytes of "é", not those of "中" or "🤗"
            for (int b = 0; b < 0x80; b++) {
                vocab.putIfAbsent(String.format("<0x%02X>", b), vocab.size());
            }
            vocab.putIfAbsent("<0xC3>", vocab.size());
            vocab.putIfAbsent("<0xA9>", vocab.size());
        }
        if (ignoreMerges) {
            vocab.putIfAbsent("abcab", vocab.size());
            vocab.putIfAbsent("ee", vocab.size());
        }
        List<String> tokens = new ArrayList<>(vocab.keySet().stream().filter(t -> !t.startsWith("<")).toList());
        ArrayNode merges = MAPPER.createArrayNode();
        int prefixLength = prefix == null ? 0 : prefix.length();
        for (int k = 0; k < 80; k++) {
            String left = tokens.get(random.nextInt(tokens.size()));
            String right = tokens.get(random.nextInt(tokens.size()));
            if (prefix != null && !right.startsWith(prefix) || suffix != null && left.endsWith(suffix)) {
                continue;
            }
            String merged = left + right.substring(prefixLength);
            if (vocab.putIfAbsent(merged, vocab.size()) == null) {
                tokens.add(merged);
            }
            merges.add(left + " " + right);
        }
        ObjectNode root = MAPPER.createObjectNode().put("version", "1.0");
        root.putArray("added_tokens");
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "WhitespaceSplit");
        root.putNull("post_processor");
        root.putNull("decoder");
        ObjectNode model = root.putObject("model").put("type", "BPE").putNull("dropout").put("unk_token", unk)
                .put("continuing_subword_prefix", prefix).put("end_of_word_suffix", suffix).put("fuse_unk", fuseUnk)
                .put("byte_fallback", byteFallback).put("ignore_merges", ignoreMerges);
        ObjectNode vocabNode = model.putObject("vocab");
        vocab.forEach(vocabNode::put);
        model.set("merges", merges);
        return root;
    }

    private static String affix(String prefix, String s, String suffix) {
        return (prefix == null ? "" : prefix) + s + (suffix == null ? "" : suffix);
    }

    /** A few words of letters a-e with, now and then, characters the vocabulary lacks. */
    private static String text(Random random) {
        StringBuilder sb = new StringBuilder();
        int words = 1 + random.nextInt(5);
        for (int w = 0; w < words; w++) {
            int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 8);
            for (int i = 0; i < length; i++) {
                sb.append(random.nextInt(6) == 0 ? OTHERS.get(random.nextInt(OTHERS.size()))
                        : LETTERS.charAt(random.nextInt(LETTERS.length())));
            }
            if (random.nextInt(8) == 0) {
                sb.append(random.nextBoolean() ? "abcab" : "ee");
            }
            sb.append(' ');
        }
        return sb.toString();
    }
}
