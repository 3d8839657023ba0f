package dev.transformers4j.train;

import dev.transformers4j.core.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batches of at most {@code maxTokens} padded tokens, as fairseq's {@code --max-tokens} (the paper, §5.1:
 * "each training batch contained a set of sentence pairs containing approximately 25000 source tokens and 25000
 * target tokens"). Each example has a size ({@link Dataset#numTokens}; for a sentence pair the longer side); a
 * batch of B examples whose largest size is L pads to B·L tokens, and B·L ≤ maxTokens. Each epoch:
 * <pre>
 *   1. a random permutation of the examples, then a stable sort by size   length buckets, random within a size
 *   2. greedy grouping in that order: a batch closes when one more example would pass maxTokens
 *   3. a random permutation of the batches                               short and long batches interleave
 * </pre>
 * Every example is in exactly one batch per epoch; the number of batches is the same every epoch (it depends
 * only on the sorted sizes). {@link #evaluationBatches} is step 2 without the randomness. The state is that of
 * {@link Sampler}, with {@code position} counting batches. The trainer uses it when {@code max_tokens} is set.
 */
final class TokenBudgetSampler implements Sampler {

    private final int[] sizes;
    private final int maxTokens;
    private final Rng rng;
    private final int batchesPerEpoch;
    private List<int[]> batches;         // the current epoch's batches in visiting order, or null between epochs
    private long epochStartState;
    private int completedEpochs;
    private int position;

    /** @throws IllegalArgumentException naming the first example whose size alone is more than maxTokens */
    TokenBudgetSampler(int[] sizes, int maxTokens, long seed) {
        requireFits(sizes, maxTokens);
        this.sizes = sizes.clone();
        this.maxTokens = maxTokens;
        this.rng = new Rng(seed);
        this.batchesPerEpoch = count(this.sizes, maxTokens);
    }

    /**
     * The number of batches of at most {@code maxTokens} padded tokens that {@code data} makes per epoch.
     *
     * @throws IllegalArgumentException naming the first example that alone is more than maxTokens
     */
    static int countBatches(Dataset<?> data, int maxTokens) {
        int[] sizes = sizes(data);
        requireFits(sizes, maxTokens);
        return count(sizes, maxTokens);
    }

    /** Batches per epoch: the grouping of the sorted sizes (the same for every order of equal sizes). */
    private static int count(int[] sizes, int maxTokens) {
        return group(sortedBySize(identity(sizes.length), sizes), sizes, maxTokens).size();
    }

    /** The sampler of a training set, by the sizes its {@link Dataset#numTokens} gives. */
    static TokenBudgetSampler of(Dataset<?> data, int maxTokens, long seed) {
        return new TokenBudgetSampler(sizes(data), maxTokens, seed);
    }

    /** The batches of an evaluation set: sorted by size (ties in index order), grouped, no randomness. */
    static <B> Iterable<B> evaluationBatches(Dataset<B> data, int maxTokens) {
        int[] sizes = sizes(data);
        requireFits(sizes, maxTokens);
        List<int[]> groups = group(sortedBySize(identity(sizes.length), sizes), sizes, maxTokens);
        return () -> groups.stream().map(data::batch).iterator();
    }

    @Override
    public int[] next() {
        if (batches == null) {
            drawEpoch();
        }
        int[] out = batches.get(position++);
        if (position == batches.size()) {
            completedEpochs++;
            position = 0;
            batches = null;
        }
        return out.clone();
    }

    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public double epoch() {
        return completedEpochs + (double) position / batchesPerEpoch;
    }

    @Override
    public State state() {
        return new State(completedEpochs, position, batches == null ? rng.state() : epochStartState);
    }

    @Override
    public void restore(State s) {
        if (s.position() < 0 || s.position() >= batchesPerEpoch) {
            throw new IllegalArgumentException("data position " + s.position() + " is outside an epoch of "
                    + batchesPerEpoch + " batches (was the checkpoint made with another dataset or max_tokens?)");
        }
        completedEpochs = s.completedEpochs();
        position = s.position();
        rng.setState(s.rngState());
        batches = null;
        if (position > 0) {
            drawEpoch();                                    // the same batches as before the interruption
        }
    }

    /** Steps 1–3 of the class comment. */
    private void drawEpoch() {
        epochStartState = rng.state();
        List<int[]> grouped = group(sortedBySize(Sampler.permutation(sizes.length, rng), sizes), sizes, maxTokens);
        batches = new ArrayList<>(grouped.size());
        for (int i : Sampler.permutation(grouped.size(), rng)) {
            batches.add(grouped.get(i));
        }
    }

    /** fairseq's {@code batch_by_size}: consecutive examples of {@code order} while count × largest ≤ maxTokens. */
    static List<int[]> group(int[] order, int[] sizes, int maxTokens) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        int longest = 0;
        for (int i = 0; i < order.length; i++) {
            int l = Math.max(longest, sizes[order[i]]);
            if ((long) (i - start + 1) * l > maxTokens) {
                out.add(Arrays.copyOfRange(order, start, i));
                start = i;
                l = sizes[order[i]];
            }
            longest = l;
        }
        if (start < order.length) {
            out.add(Arrays.copyOfRange(order, start, order.length));
        }
        return out;
    }

    /** {@code order} stably sorted by size: equal sizes keep their order in {@code order}. */
    private static int[] sortedBySize(int[] order, int[] sizes) {
        return Arrays.stream(order).boxed().sorted((a, b) -> Integer.compare(sizes[a], sizes[b]))
                .mapToInt(Integer::intValue).toArray();
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        Arrays.setAll(out, i -> i);
        return out;
    }

    private static int[] sizes(Dataset<?> data) {
        int[] out = new int[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.numTokens(i);
        }
        return out;
    }

    private static void requireFits(int[] sizes, int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("setting 'max_tokens': expected >= 1 but was " + maxTokens);
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] > maxTokens) {
                throw new IllegalArgumentException("example " + i + " has " + sizes[i]
                        + " tokens, more than max_tokens " + maxTokens + " (no batch could hold it)");
            }
        }
    }
}
