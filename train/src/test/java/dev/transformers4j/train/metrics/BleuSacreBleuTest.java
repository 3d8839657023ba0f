package dev.transformers4j.train.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Bleu} against the values sacreBLEU publishes for itself (sacreBLEU cannot be installed here): the cases of
 * {@code test/test_bleu.py} and {@code test/test_sentence_bleu.py} and the examples of {@code README.md} in
 * github.com/mjpost/sacrebleu (2.x), with their tolerances.
 */
class BleuSacreBleuTest {

    /** README.md and test_bleu.py: two reference streams. */
    static final List<List<String>> REFS = List.of(
            List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
            List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));
    static final List<String> HYPS = List.of("The dog bit the man.", "It wasn't surprising.",
            "The man had just bitten him.");
    static final BleuSettings DEFAULTS = BleuSettings.corpusDefaults();

    @Test
    void readmeExampleWithTwoReferences() {
        Bleu b = Bleu.corpus(HYPS, REFS, DEFAULTS);
        assertThat(b.score()).isCloseTo(48.530827, within(1e-8));                     // test_corpus_bleu
        assertThat(b).hasToString("BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17"
                + " ref_len = 18)");                                                    // README.md
        assertThat(b.signature()).isEqualTo("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp");
        assertThat(b.format()).startsWith("BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp = 48.53 82.4/");
    }

    /**
     * README.md, "Variable Number of References": the first reference of the first sentence removed, as its prose
     * says (its code block blanks the sentence in both streams, which sacreBLEU refuses; the printed ref_len = 19
     * is that of the prose: the 7-word second reference is then the closest).
     */
    @Test
    void readmeExampleWithAVariableNumberOfReferences() {
        List<List<String>> refs = List.of(
                List.of("", "It was not unexpected.", "The man bit him first."),
                REFS.get(1));
        List<List<String>> none = List.of(List.of("", "a", "b"), List.of("", "c", "d"));
        Bleu b = Bleu.corpus(HYPS, refs, DEFAULTS);
        assertThat(b).hasToString("BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17"
                + " ref_len = 19)");
        assertThat(b.signature()).startsWith("nrefs:var|");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bleu.corpus(HYPS, none, DEFAULTS))
                .hasMessageContaining("segment 1 has no reference");
    }

    static Stream<Arguments> corpusCases() {
        return Stream.of(
                Arguments.of(List.of("", "", ""), DEFAULTS, 0.0),         // empty hypotheses are not removed
                Arguments.of(HYPS, DEFAULTS.withTokenize(BleuTokenizer.NONE), 49.1919566),
                Arguments.of(HYPS, DEFAULTS.withSmoothing(Smoothing.NONE), 48.530827));
    }

    @ParameterizedTest
    @MethodSource("corpusCases")
    void testCorpusBleu(List<String> hyps, BleuSettings settings, double expected) {
        assertThat(Bleu.corpus(hyps, REFS, settings).score()).isCloseTo(expected, within(1e-8));
    }

    @ParameterizedTest(name = "max_ngram_order {0}")
    @CsvSource({"1, 77.65", "2, 60.50", "3, 53.93", "4, 48.53", "5, 46.14", "6, 43.28"})
    void testMaxNgramOrder(int order, String expected) {
        assertThat(Bleu.fixed(Bleu.corpus(HYPS, REFS, DEFAULTS.withMaxNgramOrder(order)).score(), 2))
                .isEqualTo(expected);
    }

    /** sacrebleu.raw_corpus_bleu: no tokenization, floor smoothing, effective order. */
    static Bleu raw(List<String> hyps, List<String> refs, double floor) {
        BleuSettings raw = DEFAULTS.withTokenize(BleuTokenizer.NONE).withSmoothing(Smoothing.FLOOR, floor)
                .withEffectiveOrder(true);
        return Bleu.corpus(hyps, List.of(refs), raw);
    }

    @ParameterizedTest
    @MethodSource("rawCases")
    void testRawBleuAndEffectiveOrder(List<String> hyps, List<String> refs, double expected) {
        assertThat(raw(hyps, refs, 0.01).score() / 100).isCloseTo(expected, within(1e-8));
    }

    static Stream<Arguments> rawCases() {
        return Stream.of(
                Arguments.of(List.of("this is a test", "another test"), List.of("ref1", "ref2"), 0.0),
                Arguments.of(List.of("this is a test"), List.of("this is a test"), 1.0),
                Arguments.of(List.of("this is a fest"), List.of("this is a test"), 0.223606797749979),
                Arguments.of(List.of("test"), List.of("a test"), 0.3678794411714425),
                Arguments.of(List.of("a test"), List.of("a test"), 1.0),
                Arguments.of(List.of("a little test"), List.of("a test"), 0.03218297948685433));
    }

    @Test
    void testStatisticsAndOffset() {
        List<String> hyp = List.of("am I am a character sequence");
        List<String> ref = List.of("I am a symbol string sequence a a");
        Bleu b = raw(hyp, ref, 0.01);
        assertThat(b.counts()).containsExactly(4, 2, 1, 0);
        assertThat(b.totals()).containsExactly(6, 5, 4, 3);
        assertThat(raw(hyp, ref, 0.0).score() / 100).isCloseTo(0, within(1e-8));
        assertThat(raw(hyp, ref, Smoothing.FLOOR.defaultValue()).score() / 100).isCloseTo(0.1555722182, within(1e-8));
    }

    @Test
    void testScoring() {
        Bleu b = Bleu.fromStatistics(new int[] {9, 7, 5, 3}, new int[] {10, 8, 6, 4}, 11, 11,
                DEFAULTS.withSmoothing(Smoothing.NONE), "");
        assertThat(b.score() / 100).isCloseTo(0.8375922397, within(1e-8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "0,0,0,0; 4,4,2,1; 0; 1; 0.0",
            "0,0,0,0; 10,11,12,0; 14; 10; 0.0",
            "0,0,0,0; 0,0,0,0; 0; 0; 0.0",
            "6,5,4,0; 6,5,4,3; 6; 6; 0.0",
            "0,0,0,0; 0,0,0,0; 0; 0; 0.1",
            "0,0,0,0; 0,0,0,0; 1; 5; 0.01"})
    void testDegenerateStatistics(String correct, String total, int sysLen, int refLen, double floor) {
        Bleu b = Bleu.fromStatistics(ints(correct), ints(total), sysLen, refLen,
                DEFAULTS.withSmoothing(Smoothing.FLOOR, floor), "");
        assertThat(b.score()).isEqualTo(0.0);
    }

    /** test_sentence_bleu.py, the example of sacreBLEU issue #98 (ţ with cedilla in the reference, ț with comma). */
    static final String REF = "produc\u0163ia de zah\u0103r brut se exprim\u0103 \u00een zah\u0103r alb;";
    static final String SYS = "Produc\u021bia de zah\u0103r prim\u0103 va fi exprimat\u0103 \u00een ceea ce"
            + " prive\u0219te zah\u0103rul alb;";

    @ParameterizedTest(name = "{0} {1} tok {2}")
    @CsvSource({"EXP, NaN, V13A, 8.493", "NONE, NaN, V13A, 0.0", "FLOOR, 0.1, V13A, 4.51688",
            "FLOOR, 0.5, V13A, 10.10", "ADD_K, 1, V13A, 14.882", "ADD_K, 2, V13A, 21.389", "EXP, NaN, NONE, 7.347"})
    void testApiSentenceBleu(Smoothing method, double value, BleuTokenizer tok, double expected) {
        BleuSettings s = BleuSettings.sentenceDefaults().withTokenize(tok)
                .withSmoothing(method, method.takesValue() ? value : Double.NaN);
        assertThat(Bleu.sentence(SYS, List.of(REF), s).score()).isCloseTo(expected, within(1e-3));
        if (method == Smoothing.EXP && tok == BleuTokenizer.V13A) {
            assertThat(Bleu.sentence(SYS, List.of(REF)).score()).isCloseTo(expected, within(1e-3));
        }
    }

    @ParameterizedTest
    @CsvSource({"EXP", "NONE", "FLOOR", "ADD_K"})
    void testApiSentenceBleuZero(Smoothing method) {
        BleuSettings s = BleuSettings.sentenceDefaults().withSmoothing(method);
        assertThat(Bleu.sentence("this is a cat", List.of("okay thanks"), s).score()).isEqualTo(0.0);
    }

    private static int[] ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
