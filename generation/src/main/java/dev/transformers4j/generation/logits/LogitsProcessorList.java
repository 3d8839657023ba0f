package dev.transformers4j.generation.logits;

import dev.transformers4j.generation.GenerationConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Processors applied one after the other (HF's {@code LogitsProcessorList}); {@link #forConfig} builds the list
 * HF's {@code _get_logits_processor} builds, in its order: the processors, then — only when sampling — the
 * warpers (temperature, top-k, top-p, min-p, typical).
 */
public final class LogitsProcessorList implements LogitsProcessor {

    private final List<LogitsProcessor> processors;

    public LogitsProcessorList(List<LogitsProcessor> processors) {
        this.processors = List.copyOf(processors);
    }

    /**
     * The processors a config asks for.
     *
     * @param promptLength the padded prompt length (where new tokens start)
     * @param maxLength    the total length generation stops at
     */
    public static LogitsProcessorList forConfig(GenerationConfig c, int promptLength, int maxLength) {
        List<LogitsProcessor> list = new ArrayList<>();
        if (c.repetitionPenalty() != 1.0) {
            list.add(new RepetitionPenaltyLogitsProcessor(c.repetitionPenalty()));
        }
        if (c.noRepeatNgramSize() > 0) {
            list.add(new NoRepeatNGramLogitsProcessor(c.noRepeatNgramSize()));
        }
        if (!c.badWordsIds().isEmpty()) {
            list.add(new NoBadWordsLogitsProcessor(c.badWordsIds(), c.eosTokenIds()));
        }
        if (c.minNewTokens() > 0 && !c.eosTokenIds().isEmpty()) {
            list.add(new MinNewTokensLengthLogitsProcessor(promptLength, c.minNewTokens(), c.eosTokenIds()));
        }
        if (c.forcedEosTokenId() != null) {
            list.add(new ForcedEOSTokenLogitsProcessor(maxLength, List.of(c.forcedEosTokenId())));
        }
        if (c.doSample()) {
            addWarpers(c, list);
        }
        return new LogitsProcessorList(list);
    }

    /** HF keeps 1 token when sampling without beams (beam-sample, which keeps more, is not supported). */
    private static void addWarpers(GenerationConfig c, List<LogitsProcessor> list) {
        int minTokensToKeep = 1;
        if (c.temperature() != 1.0) {
            list.add(new TemperatureLogitsWarper(c.temperature()));
        }
        if (c.topK() != 0) {
            list.add(new TopKLogitsWarper(c.topK(), minTokensToKeep));
        }
        if (c.topP() < 1.0) {
            list.add(new TopPLogitsWarper(c.topP(), minTokensToKeep));
        }
        if (c.minP() != null) {
            list.add(new MinPLogitsWarper(c.minP(), minTokensToKeep));
        }
        if (c.typicalP() < 1.0) {
            list.add(new TypicalLogitsWarper(c.typicalP(), minTokensToKeep));
        }
    }

    public List<LogitsProcessor> processors() {
        return processors;
    }

    public boolean isEmpty() {
        return processors.isEmpty();
    }

    @Override
    public void process(int[][] inputIds, float[] scores) {
        for (LogitsProcessor p : processors) {
            p.process(inputIds, scores);
        }
    }

    @Override
    public void processRow(int[] inputIds, float[] scores, int offset, int vocab) {
        for (LogitsProcessor p : processors) {
            p.processRow(inputIds, scores, offset, vocab);
        }
    }
}
