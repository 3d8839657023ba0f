package dev.transformers4j.generation;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.generation.logits.LogitsProcessorList;
import dev.transformers4j.generation.logits.ScoreMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * HF's {@code _sample}: each step processes the next-token logits and takes the argmax (greedy search) or draws
 * from {@code softmax(scores)} (multinomial sampling, seeded). Once a row is done, HF feeds it the pad id (when an
 * EOS criterion exists); the loop ends when every row is done.
 */
final class SampleSearch {

    private final DecodingSession decoder;
    private final GenerationConfig config;
    private final GenerationPlan plan;
    private final StoppingCriteria stopping;
    private final Streamer streamer;
    private final SplittableRandom random;
    private final int[][] tokens;        // [rows, maxLength]
    private final int[] generated;       // per row: new tokens before it was done
    private final boolean[] unfinished;

    SampleSearch(DecodingSession decoder, GenerationConfig config, GenerationPlan plan, StoppingCriteria stopping,
            Streamer streamer) {
        this.decoder = decoder;
        this.config = config;
        this.plan = plan;
        this.stopping = stopping;
        this.streamer = streamer;
        this.random = config.seed() != null ? new SplittableRandom(config.seed()) : new SplittableRandom();
        this.tokens = new int[plan.rows()][plan.maxLength()];
        this.generated = new int[plan.rows()];
        this.unfinished = new boolean[plan.rows()];
    }

    GenerateOutput run() {
        int rows = plan.rows();
        int p = plan.promptLength();
        for (int r = 0; r < rows; r++) {
            Arrays.fill(tokens[r], config.effectivePadTokenId());
            System.arraycopy(plan.prompts().row(r), 0, tokens[r], 0, p);
        }
        Arrays.fill(unfinished, true);
        LogitsProcessorList processors = LogitsProcessorList.forConfig(config, p, plan.maxLength());
        List<Tensor> scores = new ArrayList<>();
        float[] logits = decoder.prefill(plan.prompts());                      // [rows, V]
        for (int cur = p; ; cur++) {
            processors.process(history(cur), logits);
            if (config.outputScores()) {
                scores.add(Tensor.of(logits.clone(), rows, logits.length / rows));
            }
            int[] next = chooseTokens(logits);
            if (!record(next, cur)) {
                break;
            }
            logits = decoder.step(next);
        }
        if (streamer != null) {
            streamer.end();
        }
        return new GenerateOutput(sequences(), scores, null);
    }

    /** Argmax or a draw per row; done rows get the pad id. */
    private int[] chooseTokens(float[] scores) {
        int rows = plan.rows();
        int vocab = scores.length / rows;
        int[] next = new int[rows];
        for (int r = 0; r < rows; r++) {
            next[r] = config.doSample() ? sample(scores, r * vocab, vocab) : ScoreMath.argmax(scores, r * vocab, vocab);
            if (!unfinished[r] && stopping.hasEos()) {
                next[r] = config.effectivePadTokenId();
            }
        }
        return next;
    }

    /** Appends the step's tokens at {@code cur}, streams them, updates which rows are done; false when all are. */
    private boolean record(int[] next, int cur) {
        boolean any = false;
        for (int r = 0; r < next.length; r++) {
            tokens[r][cur] = next[r];
            if (unfinished[r]) {
                generated[r]++;
                if (streamer != null) {
                    streamer.put(r, next[r]);
                }
                unfinished[r] = !stopping.isDone(tokens[r], cur + 1);
            }
            any |= unfinished[r];
        }
        return any && cur + 1 < plan.maxLength();
    }

    /** One draw from {@code softmax(scores)} (torch.multinomial with one sample). */
    private int sample(float[] scores, int offset, int vocab) {
        double[] p = ScoreMath.softmax(scores, offset, vocab);
        double u = random.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < vocab; i++) {
            if (p[i] > 0) {
                cumulative += p[i];
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last;
    }

    private int[][] history(int length) {
        int[][] h = new int[plan.rows()][];
        for (int r = 0; r < h.length; r++) {
            h[r] = Arrays.copyOf(tokens[r], length);
        }
        return h;
    }

    /** HF returns every row at the longest length reached; rows done earlier are padded. */
    private List<GeneratedSequence> sequences() {
        int p = plan.promptLength();
        int longest = p + Arrays.stream(generated).max().orElse(0);
        List<GeneratedSequence> out = new ArrayList<>();
        for (int r = 0; r < plan.rows(); r++) {
            out.add(new GeneratedSequence(Arrays.copyOf(tokens[r], longest),
                    Arrays.copyOfRange(tokens[r], p, p + generated[r])));
        }
        return out;
    }
}
