package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public API around truncation, padding and vocabulary look-ups. */
class TokenizerApiTest {
    private final Tokenizer miniLm = load();

    private static Tokenizer load() {
        try {
            return Tokenizer.fromFile(Path.of(TokenizerApiTest.class.getResource("/golden/bert-minilm.tokenizer.json")
                    .toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withersAreImmutableCopies() {
        Tokenizer plain = miniLm.withTruncation(null).withPadding(null);
        assertThat(miniLm.padding()).isEqualTo(Padding.fixed(128));
        assertThat(plain.truncation()).isNull();
        assertThat(plain.padding()).isNull();
        assertThat(miniLm.encode("hello").length()).isEqualTo(128);
        assertThat(plain.encode("hello").ids()).containsExactly(101, 7592, 102);
    }

    @Test
    void leftPaddingAndLeftTruncation() {
        Tokenizer t = miniLm.withTruncation(Truncation.of(4).withDirection(Truncation.Direction.LEFT))
                .withPadding(Padding.fixed(6).withDirection(Padding.Direction.LEFT));
        Encoding e = t.encode("one two three");
        assertThat(e.ids()).containsExactly(0, 0, 101, 2048, 2093, 102);
        assertThat(e.attentionMask()).containsExactly(0, 0, 1, 1, 1, 1);
        assertThat(e.overflowing()).hasSize(1);
        assertThat(e.overflowing().getFirst().ids()).containsExactly(0, 0, 0, 101, 2028, 102);
    }

    @Test
    void batchLongestPadsAcrossTheBatch() {
        Tokenizer t = miniLm.withTruncation(null).withPadding(Padding.batchLongest());
        List<Encoding> batch = t.encodeBatch(List.of("a", "a b c d"));
        assertThat(batch).allSatisfy(e -> assertThat(e.length()).isEqualTo(6));
        assertThat(batch.getFirst().specialTokensMask()).containsExactly(1, 0, 1, 1, 1, 1);
        assertThat(batch.getFirst().wordIds()).containsExactly(-1, 0, -1, -1, -1, -1);
    }

    @Test
    void pairTypeIdsAndOnlySecondTruncation() {
        Tokenizer t = miniLm.withPadding(null)
                .withTruncation(Truncation.of(8).withStrategy(Truncation.Strategy.ONLY_SECOND));
        Encoding e = t.encodePair("one two", "three four five six");
        assertThat(e.tokens()).containsExactly("[CLS]", "one", "two", "[SEP]", "three", "four", "five", "[SEP]");
        assertThat(e.typeIds()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(e.sequenceIds()).containsExactly(-1, 0, 0, -1, 1, 1, 1, -1);
        assertThatThrownBy(() -> miniLm.withTruncation(Truncation.of(1)).encode("x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("special tokens");
    }

    @Test
    void vocabularyLookups() {
        assertThat(miniLm.vocabSize()).isEqualTo(30522);
        assertThat(miniLm.tokenToId("[MASK]")).hasValue(103);
        assertThat(miniLm.tokenToId("hello")).hasValue(7592);
        assertThat(miniLm.tokenToId("no-such-token")).isEmpty();
        assertThat(miniLm.idToToken(7592)).isEqualTo("hello");
        assertThat(miniLm.idToToken(-5)).isNull();
    }

    @Test
    void utf16AndCodePointOffsetsDifferAfterEmoji() {
        Encoding e = miniLm.withPadding(null).encode("🤗 hi");
        assertThat(e.offsets()[2]).containsExactly(3, 5);
        assertThat(e.codePointOffsets()[2]).containsExactly(2, 4);
    }
}
