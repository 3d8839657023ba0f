package dev.transformers4j.train.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * BLEU (Papineni et al., 2002) exactly as sacreBLEU 2.x computes it:
 * {@code BLEU = BP · exp(Σₙ log pₙ / N)}, with pₙ the clipped n-gram precision of order n (in percent), N = 4, and the
 * brevity penalty {@code BP = 1} if c ≥ r else {@code exp(1 − r/c)}, where c is the total hypothesis length and r the
 * sum over segments of the reference length closest to the hypothesis's (the shorter one on a tie). Text is
 * tokenized with mteval-v13a first; an order without matches is smoothed with NIST's 'exp' method.
 *
 * @param score      BLEU in [0, 100]
 * @param counts     the clipped n-gram matches per order (before add-k smoothing)
 * @param totals     the hypothesis n-grams per order
 * @param precisions pₙ in percent, as smoothed (0 for orders not reached)
 * @param bp         the brevity penalty
 * @param sysLen     c, the hypothesis words
 * @param refLen     r, the closest reference words summed
 * @param signature  sacreBLEU's signature without the version ({@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp})
 */
public record Bleu(double score, int[] counts, int[] totals, double[] precisions, double bp, int sysLen, int refLen,
                   String signature) {

    /** sacreBLEU's {@code my_log(0)}: the log of a zero precision, so that the score becomes 0. */
    private static final double LOG_ZERO = -9999999999.0;

    /** Corpus BLEU with sacreBLEU's defaults against one reference per hypothesis. */
    public static Bleu corpus(List<String> hypotheses, List<String> references) {
        return corpus(hypotheses, List.of(references), BleuSettings.corpusDefaults());
    }

    /**
     * sacreBLEU's {@code BLEU(...).corpus_score(hypotheses, references)}.
     *
     * @param referenceStreams one or more reference streams, each with one line per hypothesis; an empty line
     *                         means "no reference from this stream" for that segment
     */
    public static Bleu corpus(List<String> hypotheses, List<List<String>> referenceStreams, BleuSettings settings) {
        if (referenceStreams.isEmpty()) {
            throw new IllegalArgumentException("BLEU: no reference stream");
        }
        for (int s = 0; s < referenceStreams.size(); s++) {
            if (referenceStreams.get(s).size() != hypotheses.size()) {
                throw new IllegalArgumentException("BLEU: " + hypotheses.size() + " hypotheses but reference stream "
                        + (s + 1) + " has " + referenceStreams.get(s).size() + " lines");
            }
        }
        BleuStatistics stats = new BleuStatistics(settings);
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> refs = new ArrayList<>(referenceStreams.size());
            for (List<String> stream : referenceStreams) {
                refs.add(stream.get(i));
            }
            stats.add(i, hypotheses.get(i), refs);
        }
        return fromStatistics(stats.correct, stats.total, stats.sysLen, stats.refLen, settings,
                settings.signature(stats.nrefs()));
    }

    /** sacreBLEU's {@code sentence_bleu(hypothesis, references)}: 'exp' smoothing with effective order. */
    public static Bleu sentence(String hypothesis, List<String> references) {
        return sentence(hypothesis, references, BleuSettings.sentenceDefaults());
    }

    /** sacreBLEU's {@code BLEU(...).sentence_score(hypothesis, references)}. */
    public static Bleu sentence(String hypothesis, List<String> references, BleuSettings settings) {
        List<List<String>> streams = new ArrayList<>();
        for (String r : references) {
            streams.add(List.of(r));
        }
        return corpus(List.of(hypothesis), streams, settings);
    }

    /**
     * sacreBLEU's {@code BLEU.compute_bleu}: the score from summed statistics.
     *
     * @param correct clipped matches per order; @param total hypothesis n-grams per order
     */
    public static Bleu fromStatistics(int[] correct, int[] total, int sysLen, int refLen, BleuSettings s,
                                      String signature) {
        int order = s.maxNgramOrder();
        double bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0) : 1.0;
        double[] precisions = new double[order];
        boolean anyMatch = false;
        for (int c : correct) {
            anyMatch |= c != 0;
        }
        if (!anyMatch) {
            return new Bleu(0.0, correct.clone(), total.clone(), precisions, bp, sysLen, refLen, signature);
        }
        double smoothMteval = 1.0;
        int effectiveOrder = order;
        for (int n = 1; n <= order; n++) {
            double k = s.smoothMethod() == Smoothing.ADD_K && n > 1 ? s.smoothValue() : 0;
            double c = correct[n - 1] + k;
            double t = total[n - 1] + k;
            if (t == 0) {
                break;
            }
            effectiveOrder = s.effectiveOrder() ? n : effectiveOrder;
            if (c == 0 && s.smoothMethod() == Smoothing.EXP) {
                smoothMteval *= 2;
                precisions[n - 1] = 100. / (smoothMteval * t);
            } else if (c == 0 && s.smoothMethod() == Smoothing.FLOOR) {
                precisions[n - 1] = 100. * s.smoothValue() / t;
            } else {
                precisions[n - 1] = 100. * c / t;
            }
        }
        double logSum = 0;
        for (int n = 0; n < effectiveOrder; n++) {
            logSum += precisions[n] == 0.0 ? LOG_ZERO : Math.log(precisions[n]);
        }
        double score = bp * Math.exp(logSum / effectiveOrder);
        return new Bleu(score, correct.clone(), total.clone(), precisions, bp, sysLen, refLen, signature);
    }

    /** {@code sys_len / ref_len} (0 without references). */
    public double ratio() {
        return refLen == 0 ? 0 : (double) sysLen / refLen;
    }

    /** sacreBLEU's text line: {@code BLEU|<signature> = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = ...)}. */
    public String format() {
        return "BLEU|" + signature + " = " + scoreAndDetails();
    }

    /** sacreBLEU's {@code repr}: {@code BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)}. */
    @Override
    public String toString() {
        return "BLEU = " + scoreAndDetails();
    }

    private String scoreAndDetails() {
        StringBuilder s = new StringBuilder(fixed(score, 2)).append(' ');
        for (int i = 0; i < precisions.length; i++) {
            s.append(i == 0 ? "" : "/").append(fixed(precisions[i], 1));
        }
        return s.append(" (BP = ").append(fixed(bp, 3)).append(" ratio = ").append(fixed(ratio(), 3))
                .append(" hyp_len = ").append(sysLen).append(" ref_len = ").append(refLen).append(')').toString();
    }

    /** Python's {@code f"{x:.nf}"}: the exact binary value rounded half-even (Java's %f rounds its decimal form up). */
    static String fixed(double x, int digits) {
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }
}
