package dev.transformers4j.cli.train;

import static dev.transformers4j.cli.train.TrainSession.require;

import dev.transformers4j.generation.GenerationConfig;
import dev.transformers4j.models.marian.MarianConfig;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.pipelines.HfFolderFiles;
import dev.transformers4j.pipelines.ProgressListener;
import dev.transformers4j.pipelines.SharedVocabularyTokenizer;
import dev.transformers4j.pipelines.TranslationPipeline;
import dev.transformers4j.pipelines.TruncationPolicy;
import dev.transformers4j.pipelines.data.ParallelText;
import dev.transformers4j.pipelines.data.SharedVocabulary;
import dev.transformers4j.pipelines.data.TranslationCorpus;
import dev.transformers4j.train.EvalMetric;
import dev.transformers4j.train.EvalResult;
import dev.transformers4j.train.Seq2SeqBatch;
import dev.transformers4j.train.Seq2SeqTranslationTask;
import dev.transformers4j.train.TokenThroughput;
import dev.transformers4j.train.TrainResult;
import dev.transformers4j.train.Trainer;
import dev.transformers4j.train.TrainingArguments;
import dev.transformers4j.train.TranslationDataset;
import dev.transformers4j.train.metrics.Bleu;
import dev.transformers4j.train.optim.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code t4j train translation}: the paper's encoder-decoder Transformer (§3, as {@code MarianMTModel}) trained from
 * scratch on a parallel corpus (§5): one shared vocabulary and embedding (§3.4), batches of at most
 * {@code --max-tokens} padded tokens (§5.1), Adam with β₁ 0.9, β₂ 0.98, ε 1e-9 and the learning rate of Eq. 3
 * ({@code lrate = factor · d_model^−0.5 · min(step^−0.5, step · warmup^−1.5)}, §5.3), dropout P_drop and label
 * smoothing ε_ls (§5.4). Deviations: no gradient clipping and no weight decay, as in the paper;
 * {@code final_logits_bias} stays 0 (HF keeps it as an untrained buffer).
 */
@Command(name = "translation", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the paper's encoder-decoder Transformer from scratch on line-aligned parallel files.",
                "It is saved to --out as an HF Marian folder (config.json, model.safetensors, generation_config.json,"
                        + " tokenizer.json)."})
public final class TrainTranslationCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainTranslationCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--train-src", required = true, paramLabel = "FILE", description = "Training sources, one sentence per line (UTF-8).")
    Path trainSrc;
    @Option(names = "--train-tgt", required = true, paramLabel = "FILE", description = "Their translations, line by line.")
    Path trainTgt;
    @Option(names = "--valid-src", required = true, paramLabel = "FILE", description = "Validation sources.")
    Path validSrc;
    @Option(names = "--valid-tgt", required = true, paramLabel = "FILE", description = "Validation translations.")
    Path validTgt;
    @Option(names = "--tokenizer", paramLabel = "char|FILE|DIR", description = "'char' (the characters of the training"
            + " text) or a tokenizer.json / folder with </s> and <pad>, shared by both languages (default: a shared byte-level BPE of --vocab-size trained on both sides).")
    String tokenizer;
    @Option(names = "--vocab-size", defaultValue = "8000", paramLabel = "N", description = "Size of the shared BPE vocabulary trained when --tokenizer is absent (default: ${DEFAULT-VALUE}).")
    int vocabSize;
    @Mixin
    TranslationModelOptions modelOptions;
    @Option(names = "--label-smoothing", defaultValue = "0.1", paramLabel = "EPS", description = "ε_ls of §5.4 (default: ${DEFAULT-VALUE}).")
    double labelSmoothing;
    @Option(names = "--warmup", defaultValue = "4000", paramLabel = "N", description = "warmup_steps of Eq. 3 (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--lr-factor", defaultValue = "1.0", paramLabel = "F", description = "Multiplies the learning rate of Eq. 3 (default: ${DEFAULT-VALUE}, the paper's).")
    double lrFactor;
    @Option(names = "--bleu-sentences", defaultValue = "500", paramLabel = "N", description = "Validation BLEU "
            + "(sacreBLEU, greedy) on the first N validation pairs at every evaluation; 0 = none (default: ${DEFAULT-VALUE}).")
    int bleuSentences;

    @Option(names = "--max-tokens", defaultValue = "4096", paramLabel = "N", description = "Padded tokens per batch on each side, as fairseq's --max-tokens (default: ${DEFAULT-VALUE}).")
    int maxTokens;
    @Mixin
    TrainEpochOptions length;
    @Mixin
    TrainOutputOptions output;

    @Override
    public Integer call() {
        checkFlags();
        TranslationCorpus train = TranslationCorpus.read("training", trainSrc, trainTgt);    // bad files fail first
        TranslationCorpus valid = TranslationCorpus.read("validation", validSrc, validTgt);
        Path checkpoint = output.prepare();
        SharedVocabulary tok = tokenizer(train.text(), checkpoint != null);
        MarianConfig config = modelOptions.config(tok.vocabSize(), tok.padId(), tok.eosId());
        TranslationDataset trainData = train.encode(tok, config.maxPositionEmbeddings(), maxTokens);
        TranslationDataset evalData = valid.encode(tok, config.maxPositionEmbeddings(), maxTokens);
        MarianMTModel model = MarianMTModel.initialized(config, output.seed);
        model.requiresGrad(true);
        model.namedParameters().get("final_logits_bias").requiresGrad(false);         // a buffer in HF: never trained
        saveFolderFiles(tok, config);
        LOG.info("{} training and {} validation pairs; tokenizer {} ({} ids); model {} parameters", trainData.size(),
                evalData.size(), tok.corpus().description(), tok.vocabSize(), model.parameterCount());

        TrainingArguments args = arguments(trainData, config);
        Seq2SeqTranslationTask task = new Seq2SeqTranslationTask(model, labelSmoothing);
        validationMetrics(model, tok, valid.text()).forEach(task::withMetric);
        TokenThroughput speed = new TokenThroughput();
        Trainer<Seq2SeqBatch> trainer = new Trainer<>(model, task, trainData, evalData, args)
                .withSchedule(Schedule.noam(config.dModel(), warmup, lrFactor)).addCallback(speed);
        TrainResult result = TrainSession.run(trainer, checkpoint, args.progressBar() ? 0 : output.logSteps(20));
        report(result, speed, evalData.size());
        return 0;
    }

    /**
     * Validation BLEU: the first {@code --bleu-sentences} validation sources translated greedily (the
     * model as it is at this step, at most twice the longest source + 10 new tokens), scored against their
     * references with sacreBLEU's corpus BLEU (13a tokenisation), logged as {@code eval_bleu}.
     */
    List<EvalMetric<Seq2SeqBatch>> validationMetrics(MarianMTModel model, SharedVocabulary tok,
                                                     ParallelText valid) {
        int n = Math.min(bleuSentences, valid.size());
        if (n == 0) {
            return List.of();
        }
        List<String> sources = valid.source().subList(0, n);
        List<String> references = valid.target().subList(0, n);
        // at most twice the longest source plus 10 tokens: an untrained model rarely says </s>
        int longest = tok.encodeAll(sources, model.maxPositions()).longest();
        GenerationConfig greedy = GenerationConfig.builder()
                .maxNewTokens(Math.min(model.maxPositions() - 1, 2 * longest + 10))
                .eosTokenIds(List.of(tok.eosId())).padTokenId(tok.padId()).decoderStartTokenId(tok.padId()).build();
        TranslationPipeline translator = new TranslationPipeline(model,
                new SharedVocabularyTokenizer(tok.corpus().tokenizer(), tok.eosId()), greedy);
        return List.of(batches -> {
            List<String> hypotheses = translator.translate(sources, greedy, 64, TruncationPolicy.TRUNCATE,
                    ProgressListener.NONE);
            return Map.of("bleu", Bleu.corpus(hypotheses, references).score());
        });
    }

    /** The tokenizer of a resumed run is the one saved in --out; a new run resolves --tokenizer. */
    private SharedVocabulary tokenizer(ParallelText train, boolean resuming) {
        Path saved = output.out.resolve("tokenizer.json");
        return SharedVocabulary.resolve(resuming && Files.isRegularFile(saved) ? saved.toString() : tokenizer,
                train, vocabSize);
    }

    private void saveFolderFiles(SharedVocabulary tok, MarianConfig config) {
        tok.corpus().saveTo(output.out);
        HfFolderFiles.writeTokenizerConfig(output.out, tok.corpus().tokenizer(), "PreTrainedTokenizerFast",
                config.maxPositionEmbeddings());
        HfFolderFiles.writeTranslationGenerationConfig(output.out, config);
    }

    /** §5.3: Adam β (0.9, 0.98), ε 1e-9, no weight decay or clipping; evaluation and checkpoints once per epoch. */
    private TrainingArguments arguments(TranslationDataset trainData, MarianConfig config) {
        double peak = lrFactor * Math.pow(config.dModel(), -0.5) * Math.pow(warmup, -0.5);
        TrainingArguments.Builder b = TrainingArguments.builder(output.out).learningRate(Math.min(1.0, peak))
                .maxTokens(maxTokens).gradientAccumulationSteps(length.gradAccum).numTrainEpochs(length.epochs)
                .maxSteps(length.maxSteps).adamBetas(0.9, 0.98).adamEpsilon(1e-9).weightDecay(0).maxGradNorm(0)
                .saveTotalLimit(output.saveTotalLimit).metricForBestModel("loss").seed(output.seed);
        int perEpoch = length.stepsPerEpoch(Trainer.batchesPerEpoch(trainData, b.build()));
        int evalSteps = length.evalSteps(perEpoch);
        return b.evalSteps(evalSteps).saveSteps(output.saveSteps(evalSteps)).build();
    }

    private void checkFlags() {
        output.check();
        length.check();
        require(vocabSize >= 16 && vocabSize <= 1_000_000, "--vocab-size", vocabSize, "a value in [16, 1000000]");
        require(labelSmoothing >= 0 && labelSmoothing < 1, "--label-smoothing", labelSmoothing, "a value in [0, 1)");
        require(warmup >= 1, "--warmup", warmup, ">= 1");
        require(lrFactor > 0 && lrFactor <= 100, "--lr-factor", lrFactor, "a value in (0, 100]");
        require(maxTokens >= 1, "--max-tokens", maxTokens, ">= 1");
    }

    private void report(TrainResult result, TokenThroughput speed, int validPairs) {
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "trained %d steps (mean training loss %.4f, label smoothing %.2f): %d tokens in %s of"
                + " training steps, %.0f tokens/s%n", result.globalStep(), result.trainingLoss(), labelSmoothing,
                speed.tokens(), TrainSession.duration(speed.trainingSeconds()), speed.tokensPerSecond());
        EvalResult last = result.lastEval();
        o.printf(Locale.ROOT, "validation loss %.4f (label-smoothed), nll_loss %.4f, perplexity %.3f on %d pairs%n",
                last.loss(), last.get("nll_loss"), last.get("perplexity"), validPairs);
        o.printf("model saved to %s%n", output.out);
    }
}
