package dev.transformers4j.train.metrics;

import java.util.Locale;

/**
 * The options of sacreBLEU's {@code BLEU(...)} metric.
 *
 * @param tokenize       {@code tokenize} ('13a')
 * @param smoothMethod   {@code smooth_method} ('exp')
 * @param smoothValue    {@code smooth_value} for floor and add-k (NaN for the others)
 * @param lowercase      {@code lowercase} (false)
 * @param maxNgramOrder  {@code max_ngram_order} (4)
 * @param effectiveOrder {@code effective_order}: average only over the orders the hypotheses have n-grams of
 *                       (false for corpus BLEU, true for sentence BLEU)
 */
public record BleuSettings(BleuTokenizer tokenize, Smoothing smoothMethod, double smoothValue, boolean lowercase,
                           int maxNgramOrder, boolean effectiveOrder) {

    public BleuSettings {
        if (tokenize == null || smoothMethod == null) {
            throw new IllegalArgumentException("BLEU: tokenize and smooth_method are required");
        }
        if (maxNgramOrder < 1) {
            throw new IllegalArgumentException("BLEU: max_ngram_order must be >= 1 but was " + maxNgramOrder);
        }
        if (smoothMethod.takesValue() && !(smoothValue >= 0)) {
            throw new IllegalArgumentException("BLEU: smooth_value of " + smoothMethod.signature()
                    + " must be >= 0 but was " + smoothValue);
        }
    }

    /** sacreBLEU's {@code BLEU()} and {@code corpus_bleu}: 13a, exp smoothing, mixed case, 4-grams, no effective order. */
    public static BleuSettings corpusDefaults() {
        return new BleuSettings(BleuTokenizer.V13A, Smoothing.EXP, Double.NaN, false, 4, false);
    }

    /** sacreBLEU's {@code sentence_bleu}: as for a corpus, but with effective order. */
    public static BleuSettings sentenceDefaults() {
        return corpusDefaults().withEffectiveOrder(true);
    }

    /** A copy with another smoothing method at its default value. */
    public BleuSettings withSmoothing(Smoothing method) {
        return withSmoothing(method, method.defaultValue());
    }

    /** A copy with another smoothing method and value (the value matters for floor and add-k only). */
    public BleuSettings withSmoothing(Smoothing method, double value) {
        return new BleuSettings(tokenize, method, method.takesValue() ? value : Double.NaN, lowercase, maxNgramOrder,
                effectiveOrder);
    }

    public BleuSettings withTokenize(BleuTokenizer t) {
        return new BleuSettings(t, smoothMethod, smoothValue, lowercase, maxNgramOrder, effectiveOrder);
    }

    public BleuSettings withLowercase(boolean lc) {
        return new BleuSettings(tokenize, smoothMethod, smoothValue, lc, maxNgramOrder, effectiveOrder);
    }

    public BleuSettings withMaxNgramOrder(int order) {
        return new BleuSettings(tokenize, smoothMethod, smoothValue, lowercase, order, effectiveOrder);
    }

    public BleuSettings withEffectiveOrder(boolean eff) {
        return new BleuSettings(tokenize, smoothMethod, smoothValue, lowercase, maxNgramOrder, eff);
    }

    /**
     * sacreBLEU's signature without the version: {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp}
     * ({@code smooth:floor[0.10]} for methods with a value).
     *
     * @param nrefs the number of references per segment, or "var" when it varies
     */
    public String signature(String nrefs) {
        String smooth = smoothMethod.signature()
                + (smoothMethod.takesValue() ? String.format(Locale.ROOT, "[%.2f]", smoothValue) : "");
        return "nrefs:" + nrefs + "|case:" + (lowercase ? "lc" : "mixed") + "|eff:" + (effectiveOrder ? "yes" : "no")
                + "|tok:" + tokenize.signature() + "|smooth:" + smooth;
    }
}
