package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Byte-level BPE against HF's Rust tokenizers (through DJL) on seeded random texts: GPT-2's
 * tokenizer.json as shipped, and variants exercising the other ByteLevel settings (prefix space, offset
 * trimming), a {@code Split} regex before a regex-less ByteLevel, and a BOS template. Compares every
 * field, both decodes, and checks that decoding is lossless: {@code decode(encode(s)) == s}.
 */
class ByteLevelDifferentialTest {
    private static final Logger LOG = LoggerFactory.getLogger(ByteLevelDifferentialTest.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> NO_TRUNCATION = Map.of("truncation", "false", "padding", "false");
    private static final int TEXTS = 2500;
    /** Llama 3's pre-tokenization regex (GPT-4's), used in a Split before a regex-less ByteLevel. */
    private static final String LLAMA3_REGEX = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}|"
            + " ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    static String gpt2Json() {
        return HfReference.resource("/golden/gpt2.tokenizer.json");
    }

    /** GPT-2's tokenizer.json with {@code edit} applied. */
    static String variant(Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(gpt2Json());
            edit.accept(root);
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("gpt2", true, gpt2Json()),
                // lossless does not hold: the prefix space is part of the text from then on, in HF too
                Arguments.of("prefix space + trim offsets", false, variant(root -> {
                    ((ObjectNode) root.get("pre_tokenizer")).put("add_prefix_space", true);
                    ((ObjectNode) root.get("post_processor")).put("trim_offsets", true);
                })),
                Arguments.of("trim offsets, no prefix space", true, variant(root ->
                        ((ObjectNode) root.get("post_processor")).put("trim_offsets", true)
                                .put("add_prefix_space", false))),
                Arguments.of("Split regex + ByteLevel(use_regex=false) + BOS template", true, variant(root -> {
                    ObjectNode split = MAPPER.createObjectNode().put("type", "Split");
                    split.putObject("pattern").put("Regex", LLAMA3_REGEX);
                    split.put("behavior", "Isolated").put("invert", false);
                    ObjectNode byteLevel = MAPPER.createObjectNode().put("type", "ByteLevel")
                            .put("add_prefix_space", false).put("trim_offsets", true).put("use_regex", false);
                    ObjectNode sequence = MAPPER.createObjectNode().put("type", "Sequence");
                    sequence.putArray("pretokenizers").add(split).add(byteLevel);
                    root.set("pre_tokenizer", sequence);
                    root.set("post_processor", bosTemplate());
                })));
    }

    /** What HF's GPT2Converter builds with {@code add_bos_token}: {@code <|endoftext|> $A} and {@code ... $B:1}. */
    private static ObjectNode bosTemplate() {
        ObjectNode template = MAPPER.createObjectNode().put("type", "TemplateProcessing");
        ArrayNode single = template.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", "<|endoftext|>").put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ArrayNode pair = template.putArray("pair");
        pair.addAll(single.deepCopy());
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode eot = template.putObject("special_tokens").putObject("<|endoftext|>");
        eot.put("id", "<|endoftext|>");
        eot.putArray("ids").add(50256);
        eot.putArray("tokens").add("<|endoftext|>");
        return template;
    }

    static List<String> texts(long seed) {
        RandomText random = new RandomText(seed, RandomText.BYTE_LEVEL_FRAGMENTS);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < TEXTS; i++) {
            texts.add(random.next());
        }
        texts.addAll(List.of("", " ", "  ", "\n\n  \t", "don't I'll", "<|endoftext|>", "a" + "b".repeat(5000),
                "9".repeat(700), "👨‍👩‍👧‍👦".repeat(50), " ".repeat(300) + "x"));
        return texts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void encodingsAndDecodesMatchHf(String name, boolean lossless, String json) {
        Tokenizer ours = Tokenizer.fromJson(json, name);
        List<String> texts = texts(name.hashCode());
        List<String> failures = new ArrayList<>();
        int checks = 0;
        try (HfReference ref = new HfReference(json, NO_TRUNCATION)) {
            for (int i = 0; i < texts.size(); i++) {
                String a = texts.get(i);
                String b = texts.get((i * 7 + 1) % texts.size());
                Encoding single = ours.encode(a);
                check(failures, "single " + i, a, single, ref.hf.encode(a));
                check(failures, "no-special " + i, a, ours.encode(a, false), ref.hf.encode(a, false, false));
                check(failures, "pair " + i, a + " | " + b, ours.encodePair(a, b), ref.hf.encode(a, b));
                checkDecode(failures, "decode " + i, ours, ref, single.ids());
                checkDecode(failures, "decode pair " + i, ours, ref, ours.encodePair(a, b).ids());
                String decoded = ours.decode(ours.encode(a, false).ids(), false);
                if (lossless && !decoded.equals(a)) {
                    failures.add("lossless " + i + ": " + DifferentialTest.escape(a) + " came back as "
                            + DifferentialTest.escape(decoded));
                }
                checks += lossless ? 8 : 7;
            }
        }
        report(name, checks, failures);
    }

    @Test
    void truncatedWithOverflowAndPaddingMatchHf() {
        String json = variant(root -> ((ObjectNode) root.get("post_processor")).put("trim_offsets", true));
        Tokenizer ours = Tokenizer.fromJson(json, "trim").withTruncation(Truncation.of(12).withStride(2))
                .withPadding(Padding.fixed(12)); // DJL pads with HF's default [PAD] = 0 as well
        List<String> texts = texts(11);
        List<String> failures = new ArrayList<>();
        try (HfReference ref = new HfReference(json, Map.of("truncation", "longest_first", "maxLength", "12",
                "stride", "2", "padding", "max_length", "withOverflowingTokens", "true"))) {
            for (int i = 0; i < texts.size(); i++) {
                String a = texts.get(i);
                String b = texts.get((i * 13 + 5) % texts.size());
                check(failures, "single " + i, a, ours.encode(a), ref.hf.encode(a));
                check(failures, "pair " + i, a + " | " + b, ours.encodePair(a, b), ref.hf.encode(a, b));
            }
        }
        report("gpt2 + trim offsets, truncation 12 stride 2, Fixed 12", texts.size() * 2, failures);
    }

    /** Random id sequences mostly cut characters apart: the lossy UTF-8 decoding must match Rust's. */
    @Test
    void decodingRandomIdsMatchesHf() {
        Tokenizer ours = Tokenizer.fromJson(gpt2Json(), "gpt2");
        Random random = new Random(5);
        List<String> failures = new ArrayList<>();
        int n = 3000;
        try (HfReference ref = new HfReference(gpt2Json(), NO_TRUNCATION)) {
            for (int i = 0; i < n; i++) {
                int[] ids = new int[1 + random.nextInt(12)];
                for (int k = 0; k < ids.length; k++) {
                    // byte tokens (ids 0..255 are the single bytes), the special token, or anything
                    ids[k] = random.nextInt(4) == 0 ? 50256 : random.nextBoolean() ? random.nextInt(256)
                            : random.nextInt(50258);
                }
                checkDecode(failures, "ids " + Arrays.toString(ids), ours, ref, ids);
            }
        }
        report("decode of random ids", n * 2, failures);
    }

    static void check(List<String> failures, String name, String text, Encoding ours,
            ai.djl.huggingface.tokenizers.Encoding theirs) {
        String diff = HfReference.diff(ours, theirs);
        if (!diff.isEmpty()) {
            failures.add(name + " " + DifferentialTest.escape(text) + ": " + diff);
        }
    }

    static void checkDecode(List<String> failures, String name, Tokenizer ours, HfReference ref, int[] ids) {
        long[] longIds = Arrays.stream(ids).asLongStream().toArray();
        for (boolean skip : new boolean[] {true, false}) {
            String mine = ours.decode(ids, skip);
            String theirs = ref.hf.decode(longIds, skip);
            if (!mine.equals(theirs)) {
                failures.add(name + " skip=" + skip + ": " + DifferentialTest.escape(mine) + " vs "
                        + DifferentialTest.escape(theirs));
            }
        }
    }

    static void report(String what, int checks, List<String> failures) {
        LOG.info("{}: {} of {} checks identical to HF", what, checks - failures.size(), checks);
        assertThat(failures.subList(0, Math.min(30, failures.size())))
                .as(what + ": %d of %d differ", failures.size(), checks).isEmpty();
    }
}
