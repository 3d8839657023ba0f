package dev.transformers4j.generation;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.generation.logits.LogitsProcessorList;
import dev.transformers4j.generation.logits.ScoreMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HF's beam search ({@code _beam_search}, transformers 4.57): each step turns the logits of the K running beams
 * into {@code log_softmax}, applies the logits processors to those log-probabilities (no renormalisation), adds
 * each beam's running score, keeps the {@code max(2, 1 + #eos) · K} best continuations, lets the first K of them
 * that end enter the finished set, continues with the K best that do not end, and reorders the KV cache to follow
 * them. It stops when no prompt can improve, or every candidate ends (max_length).
 */
final class BeamSearch {

    private final DecodingSession decoder;
    private final GenerationConfig config;
    private final GenerationPlan plan;
    private final StoppingCriteria stopping;
    private final BeamGroup[] groups;
    private final int beams;

    BeamSearch(DecodingSession decoder, GenerationConfig config, GenerationPlan plan, StoppingCriteria stopping) {
        this.decoder = decoder;
        this.config = config;
        this.plan = plan;
        this.stopping = stopping;
        this.beams = config.numBeams();
        this.groups = new BeamGroup[plan.batch()];
        for (int b = 0; b < groups.length; b++) {
            groups[b] = new BeamGroup(plan.prompts().row(b * beams), beams, plan.maxLength(),
                    config.effectivePadTokenId());
        }
    }

    GenerateOutput run() {
        int rows = plan.rows();
        int beamsToKeep = Math.max(2, 1 + config.eosTokenIds().size()) * beams;
        LogitsProcessorList processors = LogitsProcessorList.forConfig(config, plan.promptLength(), plan.maxLength());
        List<Tensor> scores = new ArrayList<>();
        float[] logProbs = decoder.prefill(plan.prompts());                      // [B·K, V]
        int vocab = logProbs.length / rows;
        for (int cur = plan.promptLength(); ; cur++) {
            for (int r = 0; r < rows; r++) {
                ScoreMath.logSoftmax(logProbs, r * vocab, vocab);
            }
            processors.process(history(cur), logProbs);
            if (config.outputScores()) {
                scores.add(Tensor.of(logProbs.clone(), rows, vocab));
            }
            int[] from = new int[rows];
            boolean everyCandidateDone = true;
            for (int b = 0; b < groups.length; b++) {
                everyCandidateDone &= step(b, logProbs, vocab, cur, beamsToKeep, from);
            }
            if (!hasUnfinished(everyCandidateDone)) {
                break;
            }
            if (!isIdentity(from)) {
                decoder.reorder(from);
            }
            logProbs = decoder.step(lastTokens(cur));
        }
        return output(scores);
    }

    /**
     * One prompt's step: choose continuations, the next running beams (recording in {@code from} which row each
     * continues), update the finished set and the early-stop heuristic. Returns whether every candidate ended.
     */
    private boolean step(int b, float[] logProbs, int vocab, int cur, int beamsToKeep, int[] from) {
        BeamGroup g = groups[b];
        var candidates = g.candidates(logProbs, b * beams * vocab, vocab, cur, beamsToKeep, stopping);
        int[] src = g.advance(candidates);
        for (int k = 0; k < beams; k++) {
            from[b * beams + k] = b * beams + src[k];
        }
        g.updateFinished(candidates, cur + 1 - plan.promptLength(), config.lengthPenalty(), config.earlyStopping());
        g.checkEarlyStop(cur + 1, plan.promptLength(), plan.maxLength(), config.lengthPenalty(),
                config.earlyStopping());
        return candidates.stream().allMatch(BeamGroup.Candidate::done);
    }

    /** HF's {@code _beam_search_has_unfinished_sequences}. */
    private boolean hasUnfinished(boolean everyCandidateDone) {
        boolean improvementPossible = Arrays.stream(groups).anyMatch(BeamGroup::improvable);
        boolean allFull = Arrays.stream(groups).allMatch(BeamGroup::allFinished)
                && config.earlyStopping() == EarlyStopping.WHEN_BEAMS_FULL;
        return improvementPossible && !allFull && !everyCandidateDone;
    }

    private int[][] history(int length) {
        int[][] h = new int[plan.rows()][];
        for (int r = 0; r < h.length; r++) {
            h[r] = Arrays.copyOf(groups[r / beams].runningIds(r % beams), length);
        }
        return h;
    }

    private int[] lastTokens(int cur) {
        int[] t = new int[plan.rows()];
        for (int r = 0; r < t.length; r++) {
            t[r] = groups[r / beams].runningIds(r % beams)[cur];
        }
        return t;
    }

    private static boolean isIdentity(int[] from) {
        for (int i = 0; i < from.length; i++) {
            if (from[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** The best num_return_sequences finished sequences per prompt, cropped to the longest one returned. */
    private GenerateOutput output(List<Tensor> scores) {
        int n = config.numReturnSequences();
        int p = plan.promptLength();
        int longest = 0;
        for (BeamGroup g : groups) {
            for (int j = 0; j < n; j++) {
                longest = Math.max(longest, g.finished().length(j));
            }
        }
        List<GeneratedSequence> sequences = new ArrayList<>();
        float[] sequenceScores = new float[groups.length * n];
        for (int b = 0; b < groups.length; b++) {
            for (int j = 0; j < n; j++) {
                FinishedBeams f = groups[b].finished();
                sequences.add(new GeneratedSequence(Arrays.copyOf(f.ids(j), p + longest),
                        Arrays.copyOfRange(f.ids(j), p, p + f.length(j))));
                sequenceScores[b * n + j] = f.score(j);
            }
        }
        return new GenerateOutput(sequences, scores, sequenceScores);
    }
}
