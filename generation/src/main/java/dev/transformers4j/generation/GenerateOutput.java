package dev.transformers4j.generation;

import dev.transformers4j.core.Tensor;
import java.util.List;

/**
 * What {@link Generator#generate} returns (HF's {@code GenerateDecoderOnlyOutput} / {@code GenerateBeamDecoderOnlyOutput}).
 *
 * @param sequences       {@code batch × num_return_sequences} sequences, those of prompt 0 first
 * @param scores          when {@code output_scores}: per step the processed scores {@code [rows, V]} (greedy and
 *                        sampling: after the processors; beam search: processed log-softmax of each running beam,
 *                        rows {@code batch × num_beams}); otherwise empty
 * @param sequencesScores beam search only ({@code sequences_scores}): each sequence's sum of log-probabilities
 *                        divided by {@code generated_length ^ length_penalty}; null otherwise
 */
public record GenerateOutput(List<GeneratedSequence> sequences, List<Tensor> scores, float[] sequencesScores) {

    public GenerateOutput {
        sequences = List.copyOf(sequences);
        scores = List.copyOf(scores);
    }

    /** The full ids of sequence {@code i} (HF's {@code sequences[i]}). */
    public int[] ids(int i) {
        return sequences.get(i).ids();
    }

    /** The generated ids of sequence {@code i}. */
    public int[] newIds(int i) {
        return sequences.get(i).newIds();
    }
}
