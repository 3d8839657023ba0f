package dev.transformers4j.pipelines;

import dev.transformers4j.core.WeightDType;
import dev.transformers4j.generation.GenerateOutput;
import dev.transformers4j.generation.GeneratedSequence;
import dev.transformers4j.generation.GenerationConfig;
import dev.transformers4j.generation.Generator;
import dev.transformers4j.generation.TokenDecoder;
import dev.transformers4j.generation.Streamer;
import dev.transformers4j.generation.TextStreamer;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.CausalLM;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.io.ModelFolder;
import dev.transformers4j.tokenizers.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code text-generation} pipeline: prompts → tokens → {@link Generator} → text. The model folder's
 * {@code generation_config.json} gives the defaults, which callers override field by field.
 */
public final class TextGenerationPipeline {

    /** One returned sequence: all ids (prompt and padding included), the new ids, and the new text. */
    public record Result(int[] ids, int[] newIds, String text) {
    }

    private final CausalLM model;
    private final Tokenizer tokenizer;
    private final GenerationConfig defaults;
    private final boolean slidingWindow;

    public TextGenerationPipeline(CausalLM model, Tokenizer tokenizer, GenerationConfig defaults) {
        this(model, tokenizer, defaults, false);
    }

    private TextGenerationPipeline(CausalLM model, Tokenizer tokenizer, GenerationConfig defaults,
                                   boolean slidingWindow) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.defaults = defaults;
        this.slidingWindow = slidingWindow;
        if (tokenizer != null && tokenizer.vocabSize() > model.vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize()
                    + " tokens but the model's vocab_size is " + model.vocabSize() + ": they do not belong together");
        }
    }

    /** Loads an HF folder: a decoder-only model, its tokenizer (when present) and generation_config.json. */
    public static TextGenerationPipeline load(String modelDir) {
        return load(modelDir, WeightDType.FLOAT32);
    }

    /**
     * As {@link #load(String)}, the linear weights and the tied output embedding multiplied in {@code dtype}
     * (float32, int8 or bf16): int8 reads a quarter of the bytes per decoded token, bf16 half.
     */
    public static TextGenerationPipeline load(String modelDir, WeightDType dtype) {
        ModelFolder folder = ModelResolver.resolveFolder(modelDir);
        PretrainedModel m = AutoModel.fromPretrained(folder.dir(), dtype);
        if (!(m instanceof CausalLM lm)) {
            throw new IllegalArgumentException(folder.dir() + ": " + m.architecture() + " is not a decoder-only"
                    + " language model (text generation needs e.g. GPT2LMHeadModel)");
        }
        Tokenizer tok = folder.tokenizer().isFast() ? Tokenizer.fromFolder(folder.dir()) : null;
        return new TextGenerationPipeline(lm, tok, GenerationConfig.fromFolder(folder));
    }

    /**
     * The same pipeline generating past the model's {@code n_positions}: each token beyond it is predicted from
     * the last {@code n_positions} tokens ({@link Generator#slidingWindow}).
     */
    public TextGenerationPipeline withSlidingWindow() {
        return new TextGenerationPipeline(model, tokenizer, defaults, true);
    }

    /** The folder's generation settings, to override. */
    public GenerationConfig defaults() {
        return defaults;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Generates from text prompts (one left-padded batch); {@code sink} receives text as it is produced, or null. */
    public List<Result> generate(List<String> prompts, GenerationConfig config, TextStreamer.TextSink sink) {
        Tokenizer tok = requireTokenizer();
        List<int[]> ids = new ArrayList<>();
        for (String p : prompts) {
            ids.add(tok.encode(p).ids());
        }
        Streamer streamer = sink == null ? null : new TextStreamer(this::decode, sink);
        return generateIds(ids, config, streamer);
    }

    /** Generates from token-id prompts (for models without a tokenizer). */
    public List<Result> generateIds(List<int[]> prompts, GenerationConfig config, Streamer streamer) {
        int pad = config.padTokenId() != null ? config.padTokenId()
                : config.eosTokenIds().isEmpty() ? 0 : config.eosTokenIds().get(0);
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).length == 0) {
                throw new IllegalArgumentException("prompt " + (i + 1) + " is empty (it needs at least one token)");
            }
        }
        TokenDecoder dec = tokenizer == null ? null : this::decode;
        Generator generator = slidingWindow ? Generator.slidingWindow(model, dec) : new Generator(model, dec);
        GenerateOutput out = generator.generate(Generator.leftPadded(prompts, pad), config, streamer);
        List<Result> results = new ArrayList<>();
        for (GeneratedSequence s : out.sequences()) {
            results.add(new Result(s.ids(), s.newIds(), tokenizer == null ? null : decode(s.newIds())));
        }
        return results;
    }

    private String decode(int[] ids) {
        return tokenizer.decode(ids, true);
    }

    private Tokenizer requireTokenizer() {
        if (tokenizer == null) {
            throw new IllegalArgumentException("this model folder has no tokenizer (tokenizer.json or vocab.json + "
                    + "merges.txt): give token ids instead of text");
        }
        return tokenizer;
    }
}
