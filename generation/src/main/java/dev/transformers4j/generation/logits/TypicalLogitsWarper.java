package dev.transformers4j.generation.logits;

/**
 * HF's {@code TypicalLogitsWarper} (locally typical sampling, Meister et al. 2022): rank tokens by how close
 * their information {@code −log p} is to the entropy {@code H = −Σ p log p}, and keep the closest ones until their
 * probability reaches {@code typical_p} (HF: the first index whose cumulative probability is not below the mass,
 * and every token as close as it); at least {@code min_tokens_to_keep} stay.
 */
public final class TypicalLogitsWarper implements LogitsProcessor {

    private final double mass;
    private final int minTokensToKeep;

    public TypicalLogitsWarper(double mass, int minTokensToKeep) {
        if (!(mass > 0 && mass < 1)) {
            throw new IllegalArgumentException("typical_p must be in (0, 1) to be applied but was " + mass);
        }
        this.mass = mass;
        this.minTokensToKeep = minTokensToKeep;
    }

    @Override
    public void processRow(int[] ids, float[] scores, int offset, int vocab) {
        double[] p = ScoreMath.softmax(scores, offset, vocab);
        double entropy = 0;
        for (double x : p) {
            entropy -= x > 0 ? x * Math.log(x) : 0;           // nansum: 0 · log 0 counts as 0
        }
        float[] distance = new float[vocab];                  // |−log p − H|
        for (int i = 0; i < vocab; i++) {
            distance[i] = (float) Math.abs(-Math.log(p[i]) - entropy);
        }
        int[] order = ScoreMath.argsortAscending(distance, 0, vocab);
        int lastIndex = 0;                                    // how many sorted tokens have cumulative p < mass
        double cumulative = 0;
        for (int i = 0; i < vocab; i++) {
            cumulative += p[order[i]];
            lastIndex += cumulative < mass ? 1 : 0;
        }
        float cutoff = distance[order[Math.min(lastIndex, vocab - 1)]];
        for (int i = minTokensToKeep; i < vocab; i++) {
            if (distance[order[i]] > cutoff) {
                scores[offset + order[i]] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
