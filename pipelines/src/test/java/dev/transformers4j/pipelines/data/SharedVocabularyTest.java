package dev.transformers4j.pipelines.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.transformers4j.tokenizers.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared translation vocabulary: characters of both sides plus {@code </s>} and {@code <pad>}, HF-loadable. */
class SharedVocabularyTest {

    private static final ParallelText PAIRS = new ParallelText(List.of("ab", "ba c"), List.of("xy", "yx z"));

    @TempDir
    Path tmp;

    /** Characters " abcxyz" are ids 0..6, {@code <unk>} 7, {@code </s>} 8, {@code <pad>} 9. */
    @Test
    void charVocabularyCoversBothSidesAndEndsEverySentenceWithEos() {
        SharedVocabulary t = SharedVocabulary.resolve("char", PAIRS, 0);
        assertThat(t.vocabSize()).isEqualTo(10);
        assertThat(t.eosId()).isEqualTo(8);
        assertThat(t.padId()).isEqualTo(9);
        SharedVocabulary.Encoded e = t.encodeAll(List.of("ab", "zq", ""), 8);
        assertThat(e.ids()).containsExactly(new int[] {1, 2, 8}, new int[] {6, 7, 8}, new int[] {8});
        assertThat(e.truncated()).isZero();
        assertThat(e.longest()).isEqualTo(3);
    }

    /** HF's truncation=True, max_length=3: the first 2 tokens, then {@code </s>}. */
    @Test
    void longSentencesKeepTheirFirstTokensAndEos() {
        SharedVocabulary t = SharedVocabulary.resolve("char", PAIRS, 0);
        SharedVocabulary.Encoded e = t.encodeAll(List.of("abcab", "ab"), 3);
        assertThat(e.ids()).containsExactly(new int[] {1, 2, 8}, new int[] {1, 2, 8});
        assertThat(e.truncated()).isEqualTo(1);
        assertThat(e.longest()).isEqualTo(6);
    }

    /** DJL's Rust HF tokenizers load the written file and, with special tokens on, also append {@code </s>}. */
    @Test
    void hfRustTokenizersLoadTheFileAndAppendEos() throws IOException {
        SharedVocabulary t = SharedVocabulary.resolve("char", PAIRS, 0);
        t.corpus().saveTo(tmp);
        Path file = tmp.resolve("tokenizer.json");
        Tokenizer ours = Tokenizer.fromFile(file);
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(file,
                Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true"))) {
            for (String text : List.of("ab c", "xyz q</s>", "")) {
                long[] theirs = hf.encode(text).getIds();
                assertThat(Arrays.stream(ours.encode(text).ids()).asLongStream().toArray()).as(text).containsExactly(theirs);
                int[] ids = t.encodeAll(List.of(text), 100).ids().get(0);
                assertThat(Arrays.stream(ids).asLongStream().toArray()).as(text).containsExactly(theirs);
                assertThat(hf.decode(theirs, true)).as(text).isEqualTo(text.replace("</s>", "").replace("q", "<unk>"));
            }
        }
    }

    @Test
    void aTokenizerWithoutTheSpecialTokensIsAClearError() throws IOException {
        Path plain = tmp.resolve("plain.json");
        CharTokenizerBuilder.fromText("abc").write(plain);
        assertThatThrownBy(() -> SharedVocabulary.resolve(plain.toString(), PAIRS, 0))
                .hasMessageContaining("the vocabulary has no </s> token");
    }

    @Test
    void withoutATokenizerASharedByteLevelBpeIsTrainedOnBothSides() throws IOException {
        SharedVocabulary bpe = SharedVocabulary.resolve(null, PAIRS, 300);
        assertThat(bpe.vocabSize()).isLessThanOrEqualTo(300);
        assertThat(bpe.padId()).isZero();                        // <pad> </s> <unk> <s> come first
        assertThat(bpe.eosId()).isEqualTo(1);
        String sentence = PAIRS.target().get(0);
        int[] ids = bpe.encodeAll(List.of(sentence), 512).ids().get(0);
        assertThat(ids[ids.length - 1]).isEqualTo(bpe.eosId());
        int[] tokens = Arrays.copyOf(ids, ids.length - 1);
        assertThat(bpe.corpus().tokenizer().decode(tokens, true)).isEqualTo(sentence);   // byte-level: lossless
        bpe.corpus().saveTo(tmp.resolve("saved"));
        assertThat(Tokenizer.fromFile(tmp.resolve("saved/tokenizer.json")).encode(sentence, false).ids())
                .containsExactly(tokens);
    }
}
