package dev.transformers4j.tokenizers;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The reference: HF's Rust tokenizers through DJL's JNI binding (native library shipped inside the
 * DJL jar), plus field-by-field comparison with our {@link Encoding}.
 */
final class HfReference implements AutoCloseable {
    /** The tokenizer.json files inside the langchain4j embedding jars on the test classpath. */
    static final List<String> JAR_TOKENIZERS = List.of("/all-minilm-l6-v2-tokenizer.json",
            "/bge-small-en-v1.5-tokenizer.json", "/bge-small-zh-v1.5-tokenizer.json");

    final HuggingFaceTokenizer hf;

    HfReference(String json, Map<String, String> options) {
        try (InputStream in = new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))) {
            hf = HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String path) {
        try (InputStream in = HfReference.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empty when equal, else a description of the first differing field. */
    static String diff(Encoding ours, ai.djl.huggingface.tokenizers.Encoding theirs) {
        List<String> problems = new ArrayList<>();
        compare(problems, "ids", Arrays.stream(ours.ids()).asLongStream().toArray(), theirs.getIds());
        if (!Arrays.equals(ours.tokens(), theirs.getTokens())) {
            problems.add("tokens " + Arrays.toString(ours.tokens()) + " vs " + Arrays.toString(theirs.getTokens()));
        }
        compare(problems, "type_ids", Arrays.stream(ours.typeIds()).asLongStream().toArray(), theirs.getTypeIds());
        compare(problems, "attention", Arrays.stream(ours.attentionMask()).asLongStream().toArray(),
                theirs.getAttentionMask());
        compare(problems, "special", Arrays.stream(ours.specialTokensMask()).asLongStream().toArray(),
                theirs.getSpecialTokenMask());
        compare(problems, "word_ids", Arrays.stream(ours.wordIds()).asLongStream().toArray(), theirs.getWordIds());
        int[][] spans = Arrays.stream(theirs.getCharTokenSpans())
                .map(s -> s == null ? new int[] {0, 0} : new int[] {s.getStart(), s.getEnd()}).toArray(int[][]::new);
        if (!Arrays.deepEquals(ours.codePointOffsets(), spans)) {
            problems.add("offsets " + Arrays.deepToString(ours.codePointOffsets()) + " vs " + Arrays.deepToString(spans));
        }
        if (ours.overflowing().size() != theirs.getOverflowing().length) {
            problems.add("overflowing " + ours.overflowing().size() + " vs " + theirs.getOverflowing().length);
        } else {
            for (int i = 0; i < ours.overflowing().size(); i++) {
                String sub = diff(ours.overflowing().get(i), theirs.getOverflowing()[i]);
                if (!sub.isEmpty()) {
                    problems.add("overflowing[" + i + "]: " + sub);
                }
            }
        }
        return String.join("; ", problems);
    }

    private static void compare(List<String> problems, String field, long[] ours, long[] theirs) {
        if (!Arrays.equals(ours, theirs)) {
            problems.add(field + " " + Arrays.toString(ours) + " vs " + Arrays.toString(theirs));
        }
    }

    @Override
    public void close() {
        hf.close();
    }
}
