package dev.transformers4j.pipelines;

import dev.transformers4j.core.WeightDType;
import dev.transformers4j.core.autograd.Grad;
import dev.transformers4j.generation.GenerateOutput;
import dev.transformers4j.generation.GeneratedSequence;
import dev.transformers4j.generation.GenerationConfig;
import dev.transformers4j.generation.Generator;
import dev.transformers4j.generation.TokenDecoder;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.Seq2SeqLM;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.io.ModelFolder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code translation} pipeline, as HF's: source texts → ids ending with {@code </s>} → batches of similar
 * length, right-padded (Marian's positions count from the first token) → {@link Generator} → target text, special
 * tokens skipped, in input order. The folder's {@code generation_config.json} gives the defaults (Opus-MT's set
 * {@code num_beams}, {@code max_length}, {@code bad_words_ids = [[pad]]} and {@code forced_eos_token_id}); without
 * one they come from {@code config.json}, as HF's {@code GenerationConfig.from_model_config} does.
 *
 * <p>A source longer than {@code max_position_embeddings} is refused by default: HF's pipeline truncates only when
 * asked ({@code truncation=True}), and the model cannot run it. {@link TruncationPolicy#TRUNCATE} cuts it with a
 * warning, keeping the final {@code </s>} as HF's tokenizer does.
 */
public final class TranslationPipeline {

    /** Sources translated per generate call unless the caller says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 16;

    private final Seq2SeqLM<?> model;
    private final TranslationTokenizer tokenizer;
    private final String noTokenizer;
    private final GenerationConfig defaults;
    private final int padTokenId;

    /** A pipeline over a loaded model (e.g. one being trained). */
    public TranslationPipeline(Seq2SeqLM<?> model, TranslationTokenizer tokenizer, GenerationConfig defaults) {
        this(model, tokenizer, "this pipeline has no tokenizer: give token ids", defaults);
    }

    private TranslationPipeline(Seq2SeqLM<?> model, TranslationTokenizer tokenizer, String noTokenizer,
                                GenerationConfig defaults) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.noTokenizer = noTokenizer;
        this.defaults = defaults;
        this.padTokenId = defaults.effectivePadTokenId();
        if (padTokenId < 0) {
            throw new IllegalArgumentException("translation needs pad_token_id (or eos_token_id) in the generation"
                    + " config to pad source batches");
        }
    }

    /**
     * Loads an HF folder: an encoder-decoder model, its generation defaults and its tokenizer. A folder without a
     * usable tokenizer still loads (for {@link #generateIds}); text methods then fail with the reason.
     */
    public static TranslationPipeline load(String modelDir) {
        return load(modelDir, WeightDType.FLOAT32);
    }

    /** As {@link #load(String)}, the linear weights and the shared output embedding multiplied in {@code dtype}. */
    public static TranslationPipeline load(String modelDir, WeightDType dtype) {
        ModelFolder folder = ModelResolver.resolveFolder(modelDir);
        PretrainedModel m = AutoModel.fromPretrained(folder.dir(), dtype);
        if (!(m instanceof Seq2SeqLM<?> seq2seq)) {
            throw new IllegalArgumentException(folder.dir() + ": " + m.architecture() + " is not an encoder-decoder"
                    + " model (translation needs e.g. MarianMTModel)");
        }
        GenerationConfig defaults = GenerationConfig.fromJson(folder.hasGenerationConfig() ? folder.generationConfig()
                : folder.config());
        String problem = TranslationTokenizer.problem(folder);
        if (problem != null) {
            return new TranslationPipeline(seq2seq, null, problem, defaults);
        }
        if (defaults.eosTokenIds().isEmpty()) {
            throw new IllegalArgumentException(folder.dir() + ": no eos_token_id in generation_config.json or"
                    + " config.json (every source ends with it)");
        }
        TranslationTokenizer tok = TranslationTokenizer.fromFolder(folder, defaults.eosTokenIds().get(0),
                seq2seq.vocabSize());
        return new TranslationPipeline(seq2seq, tok, null, defaults);
    }

    /** The folder's generation settings, to override ({@code defaults().toBuilder().numBeams(4).build()}). */
    public GenerationConfig defaults() {
        return defaults;
    }

    /** The tokenizer, or null when the folder has none this library can load. */
    public TranslationTokenizer tokenizer() {
        return tokenizer;
    }

    /** The longest source the model takes, {@code </s>} included ({@code max_position_embeddings}). */
    public int maxSourceLength() {
        return model.maxPositions();
    }

    /** Translates with the defaults, {@value #DEFAULT_BATCH_SIZE} texts per batch, refusing over-long texts. */
    public List<String> translate(List<String> texts) {
        return translate(texts, defaults, DEFAULT_BATCH_SIZE, TruncationPolicy.ERROR, ProgressListener.NONE);
    }

    /**
     * One translation per text, in input order (with several returned sequences configured, the best).
     *
     * @param batchSize texts per generate call; the texts are grouped longest first
     * @param policy    what to do with a text longer than {@link #maxSourceLength()}
     */
    public List<String> translate(List<String> texts, GenerationConfig config, int batchSize,
                                  TruncationPolicy policy, ProgressListener progress) {
        TranslationTokenizer tok = requireTokenizer();
        List<int[]> sources = TranslationSources.encode(tok, texts, model.maxPositions(), policy);
        return translateIds(sources, config, batchSize, progress).stream().map(tok::decode).toList();
    }

    /** The generated target ids of each source (EOS included, no decoder start), in input order. */
    public List<int[]> translateIds(List<int[]> sources, GenerationConfig config, int batchSize,
                                    ProgressListener progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1 but was " + batchSize);
        }
        TranslationSources.checkNotEmpty(sources);
        GenerationConfig best = config.toBuilder().numReturnSequences(1).build();
        int[][] out = new int[sources.size()][];
        int[] lengths = sources.stream().mapToInt(s -> s.length).toArray();
        int done = 0;
        for (int[] group : TextBatcher.longestFirst(lengths, batchSize)) {
            List<int[]> batch = Arrays.stream(group).mapToObj(sources::get).toList();
            GenerateOutput generated = run(batch, best);
            for (int i = 0; i < group.length; i++) {
                out[group[i]] = generated.newIds(i);
            }
            done += group.length;
            progress.progress(done, sources.size());
        }
        return List.of(out);
    }

    /**
     * Generates from source ids in one right-padded batch, returning every sequence (num_return_sequences per
     * source): the decoder ids (start token first), the new ids, and their text when there is a tokenizer.
     */
    public List<TextGenerationPipeline.Result> generateIds(List<int[]> sources, GenerationConfig config) {
        TranslationSources.checkNotEmpty(sources);
        List<TextGenerationPipeline.Result> results = new ArrayList<>();
        for (GeneratedSequence s : run(sources, config).sequences()) {
            results.add(new TextGenerationPipeline.Result(s.ids(), s.newIds(),
                    tokenizer == null ? null : tokenizer.decode(s.newIds())));
        }
        return results;
    }

    /** {@link #generateIds} from source texts (refused when longer than the model takes). */
    public List<TextGenerationPipeline.Result> generate(List<String> texts, GenerationConfig config) {
        List<int[]> sources = TranslationSources.encode(requireTokenizer(), texts, model.maxPositions(),
                TruncationPolicy.ERROR);
        return generateIds(sources, config);
    }

    private GenerateOutput run(List<int[]> sources, GenerationConfig config) {
        TokenBatch batch = TokenBatch.rightPadded(sources, null, padTokenId);                 // [B, S]
        TokenDecoder decoder = tokenizer == null ? null : tokenizer::decode;
        return Grad.noGrad(() -> new Generator(model, decoder).generate(batch, config));
    }

    private TranslationTokenizer requireTokenizer() {
        if (tokenizer == null) {
            throw new IllegalArgumentException(noTokenizer);
        }
        return tokenizer;
    }
}
