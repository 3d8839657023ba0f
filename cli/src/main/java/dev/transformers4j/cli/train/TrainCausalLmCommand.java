package dev.transformers4j.cli.train;

import static dev.transformers4j.cli.train.TrainSession.require;

import dev.transformers4j.models.gpt2.GPT2Config;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.pipelines.HfFolderFiles;
import dev.transformers4j.pipelines.data.CorpusTokenizer;
import dev.transformers4j.pipelines.data.DataFileException;
import dev.transformers4j.pipelines.data.LmCorpus;
import dev.transformers4j.pipelines.data.LmWindows;
import dev.transformers4j.train.Batch;
import dev.transformers4j.train.CausalLanguageModelingTask;
import dev.transformers4j.train.EvalResult;
import dev.transformers4j.train.TrainResult;
import dev.transformers4j.train.Trainer;
import dev.transformers4j.train.TrainingArguments;
import dev.transformers4j.train.optim.Schedule;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code t4j train causal-lm}: a GPT-2-architecture language model trained from scratch, nanoGPT-style: the text
 * tokenized once, random contiguous windows from its first 90%, the validation loss on the last 10% (nats per
 * token; per character with {@code --tokenizer char}), AdamW (β₂ 0.99, weight decay on matrices only, gradients
 * clipped at 1) with linear warmup then cosine decay.
 */
@Command(name = "causal-lm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a GPT-2-architecture language model from scratch on a text file.",
                "It is saved to --out (config.json, model.safetensors, tokenizer.json, generation_config.json) for"
                        + " 't4j generate'."})
public final class TrainCausalLmCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainCausalLmCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    TrainOutputOptions output;

    @Option(names = {"--input", "--data"}, required = true, paramLabel = "FILE", description = "A UTF-8 text file: first 90%% train, last 10%% validation.")
    Path data;
    @Option(names = "--tokenizer", defaultValue = "char", paramLabel = "char|PATH",
            description = "'char' (the text's characters) or a tokenizer.json / tokenizer folder, e.g. GPT-2's (default: ${DEFAULT-VALUE}).")
    String tokenizer;
    @Option(names = "--layers", defaultValue = "4", description = "Transformer blocks (default: ${DEFAULT-VALUE}).")
    int layers;
    @Option(names = "--heads", defaultValue = "4", description = "Attention heads per block (default: ${DEFAULT-VALUE}).")
    int heads;
    @Option(names = "--hidden", defaultValue = "128", description = "Model width n_embd (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--context", defaultValue = "128", description = "Tokens per window = n_positions (default: ${DEFAULT-VALUE}).")
    int context;
    @Option(names = "--activation", defaultValue = "gelu_new",
            description = "gelu_new, gelu, gelu_pytorch_tanh, relu, silu, swish or tanh (default: ${DEFAULT-VALUE}).")
    String activation;
    @Option(names = "--dropout", defaultValue = "0.1", description = "Embedding, attention and residual dropout (default: ${DEFAULT-VALUE}).")
    double dropout;
    @Option(names = {"--max-steps", "--steps"}, defaultValue = "2000", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--batch-size", defaultValue = "32", description = "Windows per step (default: ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--warmup", paramLabel = "N", description = "Warmup steps (default: 100, at most a tenth of --max-steps).")
    Integer warmup;
    @Option(names = {"--eval-steps", "--eval-every"}, defaultValue = "250", paramLabel = "N", description = "Validation loss every N steps; 0 = only at the end (default: ${DEFAULT-VALUE}).")
    int evalEvery;
    @Option(names = "--eval-batches", defaultValue = "0", paramLabel = "N", description = "Validation batches per evaluation; 0 = the whole split, exactly (default: ${DEFAULT-VALUE}).")
    int evalBatches;
    @Option(names = "--weight-decay", defaultValue = "0.1", description = "AdamW weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        checkFlags();
        LmCorpus corpus = LmCorpus.read(data, tokenizer);
        CorpusTokenizer tok = corpus.tokenizer();
        if (corpus.train().size() <= context || corpus.validation().size() < 2) {
            throw new DataFileException(data, 0, "too short: " + corpus.train().size() + " training and "
                    + corpus.validation().size() + " validation tokens, but training needs more than --context "
                    + context + " and validation at least 2");
        }
        GPT2Config config = NewGpt2.config(tok.vocabSize(), context, hidden, layers, heads, activation, dropout,
                endOfText(tok));
        Path checkpoint = output.prepare();
        GPT2LMHeadModel model = GPT2LMHeadModel.initialized(config, output.seed);
        tok.saveTo(output.out);
        HfFolderFiles.writeTokenizerConfig(output.out, tok.tokenizer(), tokenizer.equals("char")
                ? "PreTrainedTokenizerFast" : "GPT2Tokenizer", context);
        HfFolderFiles.writeGenerationConfig(output.out, config.bosTokenId(), config.eosTokenId(), config.nPositions());
        LOG.info("{}: {} training and {} validation tokens; tokenizer {}; model {} parameters", data,
                corpus.train().size(), corpus.validation().size(), tok.description(), model.parameterCount());

        LmWindows trainData = corpus.trainWindows(context);
        LmWindows evalData = corpus.validationWindows(context, evalBatches * batchSize);
        TrainingArguments args = TrainingArguments.builder(output.out).learningRate(lr).batchSize(batchSize)
                .evalBatchSize(batchSize).maxSteps(steps).weightDecay(weightDecay).adamBetas(0.9, 0.99)
                .maxGradNorm(1.0).evalSteps(evalEvery).saveSteps(output.saveSteps(evalEvery))
                .saveTotalLimit(output.saveTotalLimit).metricForBestModel("loss").seed(output.seed).build();
        Trainer<Batch> trainer = new Trainer<>(model, new CausalLanguageModelingTask(model), trainData, evalData, args)
                .withSchedule(Schedule.cosine(lr, warmup, steps));
        TrainResult result = TrainSession.run(trainer, checkpoint, args.progressBar() ? 0 : output.logSteps(50));
        report(result, corpus.validation().size(), start);
        return 0;
    }

    private void checkFlags() {
        output.check();
        TrainSession.requireCommon(lr, batchSize, weightDecay);
        require(steps >= 1, "--max-steps", steps, ">= 1");
        warmup = warmup != null ? warmup : Math.min(100, steps / 10);
        require(warmup >= 0 && warmup <= steps, "--warmup", warmup, "a value in [0, --max-steps " + steps + "]");
        require(evalEvery >= 0, "--eval-steps", evalEvery, ">= 0 (0 = only at the end)");
        require(evalBatches >= 0, "--eval-batches", evalBatches, ">= 0 (0 = the whole validation split)");
    }

    /** {@code <|endoftext|>} when the vocabulary has it, else {@code <unk>}, else the last id. */
    private static int endOfText(CorpusTokenizer tok) {
        var t = tok.tokenizer();
        return t.tokenToId("<|endoftext|>").orElse(t.tokenToId("<unk>").orElse(t.vocabSize() - 1));
    }

    private void report(TrainResult result, int validationTokens, long start) {
        var o = spec.commandLine().getOut();
        EvalResult last = result.lastEval();
        String unit = tokenizer.equals("char") ? "nats/char" : "nats/token";
        o.printf(Locale.ROOT, "trained %d steps in %s (mean training loss %.4f %s)%n", result.globalStep(),
                TrainSession.duration((System.nanoTime() - start) / 1e9), result.trainingLoss(), unit);
        o.printf(Locale.ROOT, "validation loss %.4f %s (perplexity %.3f) on %s%n", last.loss(), unit,
                last.get("perplexity"), evalBatches == 0 ? "all " + validationTokens + " validation tokens"
                        : evalBatches + " batches of the validation split");
        o.printf("model saved to %s%n", output.out);
    }
}
