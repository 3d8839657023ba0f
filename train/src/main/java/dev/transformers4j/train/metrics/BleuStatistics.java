package dev.transformers4j.train.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * BLEU's sufficient statistics summed over a corpus, as sacreBLEU collects them: per segment the hypothesis length,
 * the closest reference length, and per n-gram order the clipped matches and the hypothesis n-grams.
 */
final class BleuStatistics {

    final int[] correct;
    final int[] total;
    int sysLen;
    int refLen;
    private final BleuSettings settings;
    private final TreeSet<Integer> refsPerSegment = new TreeSet<>();

    BleuStatistics(BleuSettings settings) {
        this.settings = settings;
        correct = new int[settings.maxNgramOrder()];
        total = new int[settings.maxNgramOrder()];
    }

    /** sacreBLEU's {@code nrefs}: the one number of references every segment had, or "var". */
    String nrefs() {
        return refsPerSegment.size() == 1 ? refsPerSegment.first().toString() : "var";
    }

    /**
     * Adds one segment. Empty or null references are left out (a variable number of references); a segment left
     * without any is an error, as in sacreBLEU.
     */
    void add(int segment, String hypothesis, List<String> references) {
        List<List<String>> refs = new ArrayList<>();
        for (String r : references) {
            if (r != null && !r.isEmpty()) {
                refs.add(words(r));
            }
        }
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("BLEU: segment " + (segment + 1) + " has no reference (empty reference"
                    + " lines are not allowed, as in sacreBLEU)");
        }
        refsPerSegment.add(refs.size());
        List<String> hyp = words(hypothesis);
        List<Map<String, Integer>> refMax = maxCounts(refs);
        List<Map<String, Integer>> hypCounts = ngrams(hyp);
        for (int n = 0; n < correct.length; n++) {
            Map<String, Integer> clip = refMax.get(n);
            for (Map.Entry<String, Integer> e : hypCounts.get(n).entrySet()) {
                total[n] += e.getValue();
                correct[n] += Math.min(e.getValue(), clip.getOrDefault(e.getKey(), 0));
            }
        }
        sysLen += hyp.size();
        refLen += closestRefLength(hyp.size(), refs);
    }

    /** sacreBLEU's {@code _preprocess_segment}: right-strip, lowercase if asked, tokenize. */
    private List<String> words(String segment) {
        String s = PythonText.rstrip(segment);
        return settings.tokenize().words(settings.lowercase() ? s.toLowerCase(Locale.ROOT) : s);
    }

    /** Each n-gram's highest count in any one reference (the clip of §2.1.1 of the BLEU paper). */
    private List<Map<String, Integer>> maxCounts(List<List<String>> refs) {
        List<Map<String, Integer>> max = null;
        for (List<String> ref : refs) {
            List<Map<String, Integer>> counts = ngrams(ref);
            if (max == null) {
                max = counts;
            } else {
                for (int n = 0; n < counts.size(); n++) {
                    Map<String, Integer> m = max.get(n);
                    counts.get(n).forEach((k, v) -> m.merge(k, v, Math::max));
                }
            }
        }
        return max;
    }

    /** The counts of the 1- to N-grams of {@code words}, one map per order; an n-gram's key joins its words by spaces. */
    private List<Map<String, Integer>> ngrams(List<String> words) {
        List<Map<String, Integer>> out = new ArrayList<>(correct.length);
        for (int n = 1; n <= correct.length; n++) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i + n <= words.size(); i++) {
                counts.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
            }
            out.add(counts);
        }
        return out;
    }

    /** The reference length closest to the hypothesis length; of two equally close, the shorter. */
    static int closestRefLength(int hypLen, List<List<String>> refs) {
        int best = -1;
        for (List<String> ref : refs) {
            int len = ref.size();
            int diff = Math.abs(hypLen - len);
            int bestDiff = Math.abs(hypLen - best);
            if (best < 0 || diff < bestDiff || diff == bestDiff && len < best) {
                best = len;
            }
        }
        return best;
    }
}
