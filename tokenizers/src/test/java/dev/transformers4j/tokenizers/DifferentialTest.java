package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Differential test against HF's Rust tokenizers (through DJL) on seeded random texts, for the three
 * tokenizer.json files shipped in the langchain4j jars, with truncation/padding off and on.
 */
class DifferentialTest {
    private static final Logger LOG = LoggerFactory.getLogger(DifferentialTest.class);
    private static final int TEXTS = 2000;

    static Stream<Arguments> tokenizers() {
        return HfReference.JAR_TOKENIZERS.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void withoutTruncationOrPadding(String path) {
        String json = HfReference.resource(path);
        Tokenizer ours = Tokenizer.fromJson(json, path).withTruncation(null).withPadding(null);
        List<String> texts = texts(path.hashCode());
        List<String> failures = new ArrayList<>();
        try (HfReference ref = new HfReference(json, Map.of("truncation", "false", "padding", "false"))) {
            for (int i = 0; i < texts.size(); i++) {
                String a = texts.get(i);
                String b = texts.get((i * 7 + 1) % texts.size());
                check(failures, "single " + i, a, ours.encode(a), ref.hf.encode(a));
                check(failures, "no-special " + i, a, ours.encode(a, false), ref.hf.encode(a, false, false));
                check(failures, "pair " + i, a + " | " + b, ours.encodePair(a, b), ref.hf.encode(a, b));
                checkDecode(failures, i, ours, ref, ours.encodePair(a, b).ids());
            }
        }
        report(path + " (no truncation/padding)", texts.size() * 4, failures);
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void withTruncationAndFixedPadding(String path) {
        String json = HfReference.resource(path);
        Tokenizer ours = Tokenizer.fromJson(json, path).withTruncation(Truncation.of(24)).withPadding(Padding.fixed(24));
        List<String> texts = texts(path.hashCode() + 1);
        List<String> failures = new ArrayList<>();
        try (HfReference ref = new HfReference(json, Map.of("truncation", "longest_first", "maxLength", "24",
                "padding", "max_length", "withOverflowingTokens", "true"))) {
            for (int i = 0; i < texts.size(); i++) {
                String a = texts.get(i);
                String b = texts.get((i * 13 + 5) % texts.size());
                check(failures, "single " + i, a, ours.encode(a), ref.hf.encode(a));
                check(failures, "pair " + i, a + " | " + b, ours.encodePair(a, b), ref.hf.encode(a, b));
            }
        }
        report(path + " (truncation 24 + Fixed 24)", texts.size() * 2, failures);
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void batchWithStrideAndBatchLongestPadding(String path) {
        String json = HfReference.resource(path);
        Tokenizer ours = Tokenizer.fromJson(json, path)
                .withTruncation(Truncation.of(40).withStride(3))
                .withPadding(Padding.batchLongest().withPadToMultipleOf(8));
        List<String> texts = texts(path.hashCode() + 2);
        List<String> failures = new ArrayList<>();
        try (HfReference ref = new HfReference(json, Map.of("truncation", "longest_first", "maxLength", "40",
                "stride", "3", "padding", "longest", "padToMultipleOf", "8", "withOverflowingTokens", "true"))) {
            for (int start = 0; start + 8 <= texts.size(); start += 8) {
                List<String> batch = texts.subList(start, start + 8);
                List<Encoding> mine = ours.encodeBatch(batch);
                ai.djl.huggingface.tokenizers.Encoding[] theirs = ref.hf.batchEncode(batch);
                for (int k = 0; k < batch.size(); k++) {
                    check(failures, "batch " + (start + k), batch.get(k), mine.get(k), theirs[k]);
                }
            }
        }
        report(path + " (batch, truncation 40 stride 3, BatchLongest x8)", texts.size(), failures);
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void fileOwnSettings(String path) {
        String json = HfReference.resource(path);
        Tokenizer ours = Tokenizer.fromJson(json, path);
        Map<String, String> options = ours.truncation() == null
                ? Map.of("truncation", "false", "padding", "false")
                // DJL maps the file's Fixed(128) to "longest"; ask for HF's behaviour explicitly.
                : Map.of("truncation", "longest_first", "maxLength", "128", "padding", "max_length",
                        "withOverflowingTokens", "true");
        List<String> texts = texts(path.hashCode() + 3);
        texts.add("long ".repeat(300));
        List<String> failures = new ArrayList<>();
        try (HfReference ref = new HfReference(json, options)) {
            for (int i = 0; i < texts.size(); i++) {
                check(failures, "single " + i, texts.get(i), ours.encode(texts.get(i)), ref.hf.encode(texts.get(i)));
            }
        }
        report(path + " (file's own settings)", texts.size(), failures);
    }

    private static List<String> texts(long seed) {
        RandomText random = new RandomText(seed);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < TEXTS; i++) {
            texts.add(random.next());
        }
        return texts;
    }

    private static void check(List<String> failures, String name, String text, Encoding ours,
            ai.djl.huggingface.tokenizers.Encoding theirs) {
        String diff = HfReference.diff(ours, theirs);
        if (!diff.isEmpty()) {
            failures.add(name + " " + escape(text) + ": " + diff);
        }
    }

    private static void checkDecode(List<String> failures, int i, Tokenizer ours, HfReference ref, int[] ids) {
        long[] longIds = Arrays.stream(ids).asLongStream().toArray();
        for (boolean skip : new boolean[] {true, false}) {
            String mine = ours.decode(ids, skip);
            String theirs = ref.hf.decode(longIds, skip);
            if (!mine.equals(theirs)) {
                failures.add("decode " + i + " skip=" + skip + ": " + escape(mine) + " vs " + escape(theirs));
            }
        }
    }

    private static void report(String what, int checks, List<String> failures) {
        LOG.info("{}: {} of {} checks identical to HF", what, checks - failures.size(), checks);
        assertThat(failures).as(what + ": %d of %d differ", failures.size(), checks).isEmpty();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> sb.append(cp < 0x20 || cp > 0x7E ? String.format("\\u{%x}", cp)
                : Character.toString(cp)));
        return sb.append('"').toString();
    }
}
