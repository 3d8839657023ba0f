package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every code point through our pipeline and HF's: checks the Unicode 8.0 category tables, lowercase,
 * NFD and accent stripping character by character, plus canonical reordering of every combining mark;
 * and GPT-2's byte-level pre-tokenization of every code point.
 */
class CodePointSweepTest {

    /** Planes 0-3 and the tag/variation-selector block in full; the rest (unassigned, private use) sampled. */
    private static IntStream codePoints() {
        return IntStream.rangeClosed(0, 0x10FFFF)
                .filter(cp -> !(cp >= 0xD800 && cp <= 0xDFFF))
                .filter(cp -> cp < 0x40000 || (cp >= 0xE0000 && cp < 0xE0200) || cp % 97 == 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/all-minilm-l6-v2-tokenizer.json", "/bge-small-zh-v1.5-tokenizer.json"})
    void everyCodePointBetweenLetters(String path) {
        String json = HfReference.resource(path);
        Tokenizer ours = Tokenizer.fromJson(json, path).withTruncation(null).withPadding(null);
        List<String> failures = new ArrayList<>();
        int[] count = {0};
        try (HfReference ref = new HfReference(json, Map.of("truncation", "false", "padding", "false"))) {
            codePoints().forEach(cp -> {
                String text = "a" + Character.toString(cp) + "b";
                count[0]++;
                String diff = HfReference.diff(ours.encode(text), ref.hf.encode(text));
                if (!diff.isEmpty() && failures.size() < 50) {
                    failures.add(String.format("U+%04X: %s", cp, diff));
                }
            });
        }
        assertThat(failures).as("%s: code points differing from HF (of %d)", path, count[0]).isEmpty();
    }

    /**
     * GPT-2's regex classes ({@code \p{L}}, {@code \p{N}}, {@code \s}) and byte mapping for every code
     * point: after a letter, after a space, before a digit, after a whitespace run; decoding is lossless.
     */
    @Test
    void everyCodePointThroughGpt2() {
        String json = ByteLevelDifferentialTest.gpt2Json();
        Tokenizer ours = Tokenizer.fromJson(json, "gpt2");
        List<String> failures = new ArrayList<>();
        int[] count = {0};
        try (HfReference ref = new HfReference(json, Map.of("truncation", "false", "padding", "false"))) {
            codePoints().forEach(cp -> {
                String c = Character.toString(cp);
                String text = "a" + c + " " + c + "1  " + c;
                count[0]++;
                Encoding mine = ours.encode(text);
                String diff = HfReference.diff(mine, ref.hf.encode(text));
                if (diff.isEmpty() && !ours.decode(mine.ids(), false).equals(text)) {
                    diff = "decode is not lossless";
                }
                if (!diff.isEmpty() && failures.size() < 50) {
                    failures.add(String.format("U+%04X: %s", cp, diff));
                }
            });
        }
        assertThat(failures).as("gpt2: code points differing from HF (of %d)", count[0]).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/all-minilm-l6-v2-tokenizer.json"})
    void everyCombiningMarkReordersAsHf(String path) {
        String json = HfReference.resource(path);
        Tokenizer ours = Tokenizer.fromJson(json, path).withTruncation(null).withPadding(null);
        List<String> failures = new ArrayList<>();
        try (HfReference ref = new HfReference(json, Map.of("truncation", "false", "padding", "false"))) {
            codePoints().filter(cp -> Character.getType(cp) == Character.NON_SPACING_MARK).forEach(m -> {
                String mark = Character.toString(m);
                for (String text : List.of("n\u0303" + mark + "x", "a" + mark + "\u0323b", "e\u0301" + mark + "\u031b")) {
                    String diff = HfReference.diff(ours.encode(text), ref.hf.encode(text));
                    if (!diff.isEmpty() && failures.size() < 50) {
                        failures.add(String.format("U+%04X in %s: %s", m, DifferentialTest.escape(text), diff));
                    }
                }
            });
        }
        assertThat(failures).as("combining marks reordered differently from HF").isEmpty();
    }
}
