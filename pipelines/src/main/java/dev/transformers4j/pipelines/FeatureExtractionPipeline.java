package dev.transformers4j.pipelines;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.WeightDType;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.ForwardOptions;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.ModelFolder;
import dev.transformers4j.models.io.TokenizerFormat;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import java.util.List;

/**
 * The {@code feature-extraction} pipeline: texts → token states → one L2-normalised vector per text, pooled
 * as the model's sentence-transformers convention says (mean of real tokens for all-MiniLM-L6-v2, the
 * {@code [CLS]} state for bge). Texts are sorted by length and run in padded batches.
 */
public final class FeatureExtractionPipeline {

    private static final int BATCH_SIZE = 32;

    private final String name;
    private final PretrainedModel model;
    private final Pooling pooling;
    private final TextBatcher batcher;

    private FeatureExtractionPipeline(String name, Tokenizer tokenizer, PretrainedModel model, Pooling pooling,
                                      int maxLength) {
        this.name = name;
        this.model = model;
        this.pooling = pooling;
        this.batcher = new TextBatcher(tokenizer, maxLength, name);
    }

    /** Loads a built-in model name or an HF folder (config.json, model.safetensors, tokenizer.json). */
    public static FeatureExtractionPipeline load(String model) {
        return load(model, WeightDType.FLOAT32);
    }

    /** As {@link #load(String)}, the linear weights multiplied in {@code dtype} (float32, int8 or bf16). */
    public static FeatureExtractionPipeline load(String model, WeightDType dtype) {
        ModelFolder folder = ModelResolver.resolveFolder(model);
        if (folder.tokenizer() != TokenizerFormat.TOKENIZER_JSON) {
            throw new IllegalArgumentException(folder.tokenizerJson() + ": file not found (the pipeline needs the"
                    + " model's tokenizer)");
        }
        Tokenizer tokenizer = Tokenizer.fromFile(folder.tokenizerJson());
        PretrainedModel m = AutoModel.fromPretrained(folder.dir(), dtype);
        EmbeddingSettings settings = EmbeddingSettings.read(folder.dir());
        int positions = ConfigJson.read(folder.config()).getInt("max_position_embeddings", 512);
        int maxLength = settings.maxSeqLength() > 0 ? Math.min(settings.maxSeqLength(), positions) : positions;
        return new FeatureExtractionPipeline(model, tokenizer, m, settings.pooling(), maxLength);
    }

    public String name() {
        return name;
    }

    public Tokenizer tokenizer() {
        return batcher.tokenizer();
    }

    public PretrainedModel model() {
        return model;
    }

    public Pooling pooling() {
        return pooling;
    }

    /** The most tokens (special tokens included) one text may have. */
    public int maxLength() {
        return batcher.maxLength();
    }

    /** One L2-normalised embedding per text. */
    public float[][] embed(List<String> texts) {
        return embed(texts, TruncationPolicy.TRUNCATE, ProgressListener.NONE);
    }

    /** One L2-normalised embedding per text, in input order, in batches of similar length. */
    public float[][] embed(List<String> texts, TruncationPolicy policy, ProgressListener progress) {
        List<Encoding> encodings = batcher.encode(texts, policy);
        float[][] out = new float[texts.size()][];
        int done = 0;
        for (int[] group : TextBatcher.longestFirst(encodings, BATCH_SIZE)) {
            TokenBatch batch = batcher.batch(encodings, group);
            Tensor hidden = model.forward(batch, ForwardOptions.DEFAULT).lastHiddenState();  // [B, T, C]
            for (int b = 0; b < group.length; b++) {
                out[group[b]] = normalize(pool(hidden, batch, b));
            }
            done += group.length;
            progress.progress(done, texts.size());
        }
        return out;
    }

    /** The tokenizer's encodings, cut to {@link #maxLength()} as the policy says. */
    public List<Encoding> encode(List<String> texts, TruncationPolicy policy) {
        return batcher.encode(texts, policy);
    }

    /** {@code [B, T, C]} states of row {@code b} → {@code [C]}: mean over real tokens, or the first token. */
    private float[] pool(Tensor hidden, TokenBatch batch, int b) {
        int t = hidden.size(1);
        int c = hidden.size(2);
        float[] h = hidden.data();
        int base = hidden.offset() + b * t * c;
        float[] v = new float[c];
        if (pooling == Pooling.CLS) {
            System.arraycopy(h, base, v, 0, c);
            return v;
        }
        int n = 0;
        for (int i = 0; i < t; i++) {
            if (batch.attentionMask()[b * t + i] == 0) {
                continue;
            }
            n++;
            for (int j = 0; j < c; j++) {
                v[j] += h[base + i * c + j];
            }
        }
        for (int j = 0; j < c; j++) {
            v[j] /= Math.max(n, 1);
        }
        return v;
    }

    /** {@code v / max(‖v‖₂, 1e-12)}, as {@code torch.nn.functional.normalize}. */
    static float[] normalize(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        float inv = (float) (1.0 / Math.max(Math.sqrt(s), 1e-12));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
