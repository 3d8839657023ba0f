package dev.transformers4j.cli.support;

import dev.transformers4j.core.WeightDType;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.pipelines.ModelResolver;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The inputs of {@code forward} and {@code gradients}: a model and token ids given directly, one {@code --ids}
 * per sequence, right-padded into one batch with an attention mask.
 */
public final class TokenIdOptions {

    @Option(names = "--model", required = true, description = "A built-in model name or an HF folder.")
    public String model;

    @Option(names = "--ids", required = true, description = "Comma-separated token ids of one sequence; repeat for a batch.")
    public List<String> ids;

    @Option(names = "--type-ids", description = "Token type ids for the matching --ids (default all 0).")
    public List<String> typeIds = new ArrayList<>();

    /** The sequences as given, unpadded. */
    public List<int[]> sequences() {
        return IdLists.parseAll("--ids", ids);
    }

    /** The sequences right-padded with 0 into one batch (T = the longest). */
    public TokenBatch batch() {
        return batch(0);
    }

    /** The sequences right-padded with {@code padId} into one batch (T = the longest). */
    public TokenBatch batch(int padId) {
        List<int[]> seqs = sequences();
        List<int[]> types = typeIds.isEmpty() ? null : IdLists.parseAll("--type-ids", typeIds);
        if (types != null && types.size() != seqs.size()) {
            throw new IllegalArgumentException("--type-ids: given " + types.size() + " times but --ids " + seqs.size()
                    + " times (one --type-ids per --ids)");
        }
        return TokenBatch.rightPadded(seqs, types, padId);
    }

    /** The model named by {@code --model}. */
    public PretrainedModel load() {
        return AutoModel.fromPretrained(ModelResolver.resolve(model));
    }

    /** The model named by {@code --model}, its linear weights multiplied in {@code dtype}. */
    public PretrainedModel load(WeightDType dtype) {
        return AutoModel.fromPretrained(ModelResolver.resolve(model), dtype);
    }
}
