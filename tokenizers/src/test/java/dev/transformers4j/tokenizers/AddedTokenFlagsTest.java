package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Added-token flags (lstrip, rstrip, single_word, normalized, special) against HF: the MiniLM tokenizer
 * with its {@code [MASK]} made lstrip+rstrip and three extra tokens (one declared with a wrong id).
 */
class AddedTokenFlagsTest {
    private static final List<String> FRAGMENTS = List.of("[MASK]", " [MASK] ", "\u00a0[MASK]\t", "Hello World",
            "hello world", "HELLO  WORLD", "foo", "foobar", "xfoo", "foo.", "é", "<x>", "<X>", " ", "  ", "a", "b",
            "[SEP]", "ﬁ", "Ärger", "!", "\n");

    @Test
    void matchesHfOnRandomTexts() throws Exception {
        String json = modifiedMiniLm();
        Tokenizer ours = Tokenizer.fromJson(json, "modified").withTruncation(null).withPadding(null);
        Random random = new Random(42);
        List<String> failures = new ArrayList<>();
        int checks = 0;
        try (HfReference ref = new HfReference(json, Map.of("truncation", "false", "padding", "false"))) {
            for (int i = 0; i < 1500; i++) {
                StringBuilder text = new StringBuilder();
                for (int k = random.nextInt(8); k >= 0; k--) {
                    text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                }
                String s = text.toString();
                Encoding mine = ours.encode(s);
                String diff = HfReference.diff(mine, ref.hf.encode(s));
                String decoded = ours.decode(mine.ids(), true);
                String hfDecoded = ref.hf.decode(java.util.Arrays.stream(mine.ids()).asLongStream().toArray(), true);
                checks++;
                if (!diff.isEmpty() || !decoded.equals(hfDecoded)) {
                    failures.add(DifferentialTest.escape(s) + ": " + diff + " decode " + decoded + " vs " + hfDecoded);
                }
            }
        }
        assertThat(failures).as("%d of %d differ", failures.size(), checks).isEmpty();
        assertThat(ours.vocabSize()).isEqualTo(30524);
        assertThat(ours.tokenToId("<x>")).hasValue(30523);
        assertThat(ours.idToToken(30522)).isEqualTo("Hello World");
        // declared with id 2000 ("to"), but HF keeps the vocabulary's id of "foo"
        assertThat(ours.tokenToId("foo")).hasValue(29379);
    }

    private static String modifiedMiniLm() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(HfReference.resource("/all-minilm-l6-v2-tokenizer.json"));
        ArrayNode added = (ArrayNode) root.get("added_tokens");
        for (var token : added) {
            if (token.get("content").asText().equals("[MASK]")) {
                ((ObjectNode) token).put("lstrip", true).put("rstrip", true);
            }
        }
        added.add(token(mapper, 30522, "Hello World", false, true, false));
        added.add(token(mapper, 30523, "<x>", false, false, true));
        added.add(token(mapper, 2000, "foo", true, false, false));
        return mapper.writeValueAsString(root);
    }

    private static ObjectNode token(ObjectMapper mapper, int id, String content, boolean singleWord,
            boolean normalized, boolean special) {
        return mapper.createObjectNode().put("id", id).put("content", content).put("single_word", singleWord)
                .put("lstrip", false).put("rstrip", false).put("normalized", normalized).put("special", special);
    }
}
