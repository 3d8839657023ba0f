package dev.transformers4j.train.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BLEU and the mteval-v13a tokenizer on small cases worked out by hand. */
class BleuHandWorkedTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // punctuation split off, except ' - . , ; period and comma kept between digits; dash split after a digit
            "Hello, world! It's 3.14 and 1,000-2,000.|Hello , world ! It's 3.14 and 1,000 - 2,000 .",
            "$5.00 (approx.) e.g. U.S.A.|$ 5.00 ( approx . ) e . g . U . S . A .",
            "well-known 1.5-2 x-ray|well-known 1.5 - 2 x-ray",
            // the entities, unescaped in the order &quot; &amp; &lt; &gt;
            "&quot;Hi&quot; &amp; &lt;b&gt; &amp;lt;|\" Hi \" & < b > <",
            "a/b [c]{d}~e^f_g`h|a / b [ c ] { d } ~ e ^ f _ g ` h"})
    void tokenize13a(String line, String expected) {
        assertThat(BleuTokenizer.tokenize13a(line)).isEqualTo(expected);
    }

    @Test
    void tokenize13aDropsSkippedAndJoinsHyphenatedLineBreaks() {
        assertThat(BleuTokenizer.tokenize13a("<skipped>inter-\nnational\nline")).isEqualTo("international line");
    }

    @Test
    void whitespaceIsPythonsNoBreakSpaceIncluded() {
        assertThat(BleuTokenizer.NONE.words("a\u00a0b\u2003c\u0085d\u200be")).containsExactly("a", "b", "c", "d\u200be");
        assertThat(PythonText.rstrip("x \u00a0\t")).isEqualTo("x");
    }

    /** hyp "the cat sat on the mat" vs ref "the cat sat on a mat": 5/6, 3/5, 2/4, 1/3 and c = r = 6. */
    @Test
    void oneSentenceByHand() {
        Bleu b = Bleu.corpus(List.of("the cat sat on the mat"), List.of("the cat sat on a mat"));
        assertThat(b.counts()).containsExactly(5, 3, 2, 1);
        assertThat(b.totals()).containsExactly(6, 5, 4, 3);
        assertThat(b.bp()).isEqualTo(1.0);
        assertThat(b.score()).isCloseTo(100 * Math.pow(5.0 / 6 * 3.0 / 5 * 2.0 / 4 * 1.0 / 3, 0.25), within(1e-12));
        assertThat(b.precisions()[1]).isCloseTo(60.0, within(1e-12));
    }

    /** "the the the ..." of the BLEU paper §2.1: each n-gram counts at most as often as in any one reference. */
    @Test
    void countsAreClippedToTheMostInOneReference() {
        List<String> hyp = List.of("the the the the the the the");
        List<List<String>> refs = List.of(List.of("The cat is on the mat."), List.of("There is a cat on the mat."));
        BleuSettings s = BleuSettings.corpusDefaults();
        assertThat(Bleu.corpus(hyp, refs, s).counts()[0]).isEqualTo(1);                 // "The" ≠ "the"
        assertThat(Bleu.corpus(hyp, refs, s.withLowercase(true)).counts()[0]).isEqualTo(2);   // the paper's 2/7
        assertThat(Bleu.corpus(hyp, refs, s.withLowercase(true)).signature()).contains("case:lc");
    }

    /** c = 2 against r = 6: BP = e^(1 − 6/2); no trigram, so corpus BLEU is 0 but sentence BLEU averages 2 orders. */
    @Test
    void brevityPenaltyAndEffectiveOrder() {
        Bleu corpus = Bleu.corpus(List.of("the cat"), List.of("the cat sat on a mat"));
        assertThat(corpus.bp()).isCloseTo(Math.exp(-2), within(1e-15));
        assertThat(corpus.score()).isEqualTo(0.0);
        Bleu sentence = Bleu.sentence("the cat", List.of("the cat sat on a mat"));
        assertThat(sentence.score()).isCloseTo(100 * Math.exp(-2), within(1e-12));
        assertThat(sentence.signature()).isEqualTo("nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp");
    }

    /** Five words against references of four and six: equally close, so the shorter one (4) counts and BP = 1. */
    @Test
    void theClosestReferenceLengthPrefersTheShorterOnATie() {
        Bleu b = Bleu.sentence("a b c d e", List.of("a b c d", "a b c d e f"));
        assertThat(b.refLen()).isEqualTo(4);
        assertThat(b.bp()).isEqualTo(1.0);
        assertThat(b.ratio()).isEqualTo(1.25);
    }

    @Test
    void numbersAreFormattedAsPythonDoes() {
        assertThat(Bleu.fixed(0.125, 2)).isEqualTo("0.12");        // a true tie: half to even
        assertThat(Bleu.fixed(2.675, 2)).isEqualTo("2.67");        // the double is 2.67499999...
        assertThat(Bleu.fixed(48.530827, 1)).isEqualTo("48.5");
    }

    @Test
    void mismatchedCountsAndMissingReferencesAreErrors() {
        assertThatThrownBy(() -> Bleu.corpus(List.of("a", "b"), List.of("a")))
                .hasMessage("BLEU: 2 hypotheses but reference stream 1 has 1 lines");
        assertThatThrownBy(() -> Bleu.corpus(List.of("a", "b"), List.of("a", "")))
                .hasMessageContaining("segment 2 has no reference");
    }
}
