package dev.transformers4j.tokenizers.sentencepiece;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.tokenizers.models.ModelToken;
import dev.transformers4j.tokenizers.models.Unigram;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Best segmentations of {@link TinySpm} worked out by hand, for SentencePiece's processor and for HF's
 * {@link Unigram} model alike.
 */
class ViterbiByHandTest {
    private final SentencePieceProcessor spm = new SentencePieceProcessor(SentencePieceModel.parse(TinySpm.bytes(),
            "tiny.spm"));

    /**
     * "abc" is normalized to "▁abc". Every segmentation and its score:
     * <pre>
     *   ▁ a b c   -1 -2 -2 -2 = -7
     *   ▁a b c    -6 -2 -2    = -10
     *   ▁a bc     -6 -1       = -7     (what greedy longest-match-first would pick)
     *   ▁ ab c    -1 -2 -2    = -5
     *   ▁ a bc    -1 -2 -1    = -4     best
     *   ▁ abc     -1 -4       = -5
     * </pre>
     */
    @Test
    void bestPathIsNotTheGreedyOne() {
        assertThat(spm.encodePieces("abc")).containsExactly("\u2581", "a", "bc");
        assertThat(spm.encodeIds("abc")).containsExactly(3, 4, 9);
        assertThat(unigramTokens("\u2581abc")).containsExactly("\u2581", "a", "bc");
    }

    /**
     * "ab": ▁ a b = -5 and ▁ ab = -3. "abxyc": ▁ ab = -3, then x and y are unknown (min score -6 minus
     * the penalty 10: -16 each) and fused into one unknown piece "xy", then c = -2.
     */
    @Test
    void unknownCharactersAreFusedIntoOnePiece() {
        assertThat(spm.encodePieces("abxyc")).containsExactly("\u2581", "ab", "xy", "c");
        assertThat(spm.encodeIds("abxyc")).containsExactly(3, 8, 0, 6);
        List<ModelToken> hf = unigram().tokenize("\u2581abxyc");
        assertThat(hf).extracting(ModelToken::value).containsExactly("\u2581", "ab", "xy", "c");
        assertThat(hf).extracting(ModelToken::id).containsExactly(3, 8, 0, 6);
        assertThat(hf.get(2).start()).isEqualTo(3);
        assertThat(hf.get(2).end()).isEqualTo(5);
    }

    /**
     * A tie: with "ab" rescored to -4, "▁ab" is ▁ a b = -1 -2 -2 = -5 and ▁ ab = -1 -4 = -5. The path
     * found first wins: "ab" (from position 1) reaches the end before "b" (from position 2) does.
     */
    @Test
    void tiesKeepThePathFoundFirst() {
        var builder = TinySpm.builder();
        builder.setPieces(8, builder.getPieces(8).toBuilder().setScore(-4.0f));
        SentencePieceProcessor tied = new SentencePieceProcessor(SentencePieceModel.parse(builder.build().toByteArray(),
                "tied.spm"));
        assertThat(tied.encodePieces("ab")).containsExactly("\u2581", "ab");
    }

    /** Spaces: SentencePiece drops leading/trailing ones and collapses runs (remove_extra_whitespaces). */
    @Test
    void extraWhitespaceIsRemoved() {
        assertThat(spm.normalize("  ab   c  ")).isEqualTo("\u2581ab\u2581c");
        assertThat(spm.encodePieces("  ab   c  ")).containsExactly("\u2581", "ab", "\u2581", "c");
        assertThat(spm.encodePieces(" \t ")).containsExactly("\u2581", "\t");
        assertThat(spm.encodePieces("   ")).isEmpty();
    }

    /** Control pieces are never matched in the text: "<s>" is just three unknown characters. */
    @Test
    void controlPiecesAreNotMatchedInText() {
        assertThat(spm.encodePieces("<s>")).containsExactly("\u2581", "<s>");
        assertThat(spm.encodeIds("<s>")).containsExactly(3, 0);
    }

    @Test
    void decodingDropsTheDummyPrefixAndControlPieces() {
        assertThat(spm.decodeIds(new int[] {3, 4, 9, 3, 6})).isEqualTo("abc c");
        assertThat(spm.decodePieces(List.of("<s>", "\u2581", "\u2581a", "</s>", "xyz", "<unk>"))).isEqualTo(
                "axyz \u2047 ");
    }

    @Test
    void hfUnigramWithoutUnknownPieceRefusesUnknownCharacters() {
        Unigram noUnk = new Unigram(List.of(new Unigram.Piece("a", -1)), null, false);
        assertThatThrownBy(() -> noUnk.tokenize("ax")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x' (U+0078)").hasMessageContaining("no unknown piece");
    }

    private static Unigram unigram() {
        List<Unigram.Piece> vocab = new ArrayList<>(List.of(new Unigram.Piece("<unk>", 0), new Unigram.Piece("<s>", 0),
                new Unigram.Piece("</s>", 0)));
        for (int i = 0; i < TinySpm.PIECES.length; i++) {
            vocab.add(new Unigram.Piece(TinySpm.PIECES[i], TinySpm.SCORES[i]));
        }
        return new Unigram(vocab, 0, false);
    }

    private static List<String> unigramTokens(String word) {
        return unigram().tokenize(word).stream().map(ModelToken::value).toList();
    }
}
