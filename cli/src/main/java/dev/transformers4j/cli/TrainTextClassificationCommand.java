package dev.transformers4j.cli;

import static dev.transformers4j.cli.TrainSession.require;

import dev.transformers4j.models.bert.BertForSequenceClassification;
import dev.transformers4j.pipelines.ModelResolver;
import dev.transformers4j.pipelines.data.ClassificationExample;
import dev.transformers4j.pipelines.data.ClassificationTsv;
import dev.transformers4j.pipelines.data.LabelSet;
import dev.transformers4j.pipelines.data.LabeledText;
import dev.transformers4j.tokenizers.Tokenizer;
import dev.transformers4j.train.Batch;
import dev.transformers4j.train.EvalResult;
import dev.transformers4j.train.SequenceClassificationTask;
import dev.transformers4j.train.TrainResult;
import dev.transformers4j.train.Trainer;
import dev.transformers4j.train.TrainingArguments;
import dev.transformers4j.train.optim.Schedule;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Spec;

/**
 * {@code t4j train text-classification}: BERT fine-tuning for sentence classification (Devlin et al. 2019, §4.1):
 * a pretrained encoder plus a new linear head on the pooled {@code [CLS]} state, every weight trained with AdamW
 * and a linear warmup then linear decay of the learning rate, as HF's {@code Trainer} does by default.
 */
@Command(name = "text-classification", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fine-tune a pretrained BERT encoder with a new classification head on a text<TAB>label TSV.",
                "Labels 0/1 become negative/positive, other numbers LABEL_i, names stay names. The model is saved to --out",
                "(config.json with id2label, model.safetensors, tokenizer.json) for 't4j classify' and 't4j evaluate'."})
final class TrainTextClassificationCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainTextClassificationCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "all-MiniLM-L6-v2", paramLabel = "NAME|DIR",
            description = "The encoder: a built-in model (all-MiniLM-L6-v2, bge-small-en-v1.5) or an HF BERT folder (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--train", required = true, paramLabel = "FILE.tsv", description = "Training examples (header text<TAB>label).")
    Path train;
    @Option(names = "--eval", paramLabel = "FILE.tsv", description = "Evaluation examples: accuracy and F1 during and after training.")
    Path eval;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the model, checkpoints and loss curves go.")
    Path out;
    @Option(names = "--epochs", defaultValue = "3", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    double epochs;
    @Option(names = "--lr", defaultValue = "5e-5", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--batch-size", defaultValue = "32", description = "Texts per step (default: ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--max-length", defaultValue = "64", description = "Tokens per text, [CLS] and [SEP] included (default: ${DEFAULT-VALUE}).")
    int maxLength;
    @Option(names = "--warmup-ratio", defaultValue = "0.1", description = "Share of the steps with a rising learning rate (default: ${DEFAULT-VALUE}).")
    double warmupRatio;
    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW weight decay, not on biases and LayerNorms (default: ${DEFAULT-VALUE}).")
    double weightDecay;
    @Option(names = "--grad-accum", defaultValue = "1", description = "Batches whose gradients make one step (default: ${DEFAULT-VALUE}).")
    int gradAccum;
    @Option(names = "--eval-steps", paramLabel = "N", description = "Evaluate every N steps; 0 = only at the end (default: once per epoch).")
    Integer evalSteps;
    @Option(names = "--save-steps", paramLabel = "N", description = "Write checkpoint-N every N steps; 0 = never (default: once per epoch).")
    Integer saveSteps;
    @Option(names = "--save-total-limit", defaultValue = "2", paramLabel = "K", description = "Keep the newest K checkpoints; 0 = all (default: ${DEFAULT-VALUE}).")
    int saveTotalLimit;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the head, dropout and data order (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--max-steps", defaultValue = "0", paramLabel = "N", description = "Stop after N steps (overrides --epochs; default: from --epochs).")
    int maxSteps;
    @Option(names = "--eval-batch-size", defaultValue = "64", description = "Texts per evaluation batch (default: ${DEFAULT-VALUE}).")
    int evalBatchSize;
    @Option(names = "--log-steps", defaultValue = "10", paramLabel = "N", description = "Without a progress bar (not a terminal), log every N steps (default: ${DEFAULT-VALUE}).")
    int logSteps;
    @Option(names = "--resume", description = "Continue from the newest checkpoint-N in --out.")
    boolean resume;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        checkFlags();
        List<LabeledText> rows = ClassificationTsv.read(train);                       // bad files fail first
        LabelSet labels = LabelSet.fromExamples(rows);
        List<ClassificationExample> trainExamples = labels.resolve(rows);
        List<ClassificationExample> evalExamples = eval == null ? null : ClassificationTsv.read(eval, labels);
        Path checkpoint = TrainSession.prepareOutput(out, resume);
        Path encoder = ModelResolver.resolve(model);
        Tokenizer tokenizer = Tokenizer.fromFolder(encoder);
        BertForSequenceClassification classifier = BertForSequenceClassification.fromEncoder(encoder,
                labels.id2label(), seed);
        int positions = classifier.config().maxPositionEmbeddings();
        require(maxLength <= positions, "--max-length", maxLength, "at most the model's max_position_embeddings " + positions);
        HfFolderFiles.copyTokenizer(encoder, out, tokenizer, "BertTokenizer", positions);

        ClassificationDataset trainData = ClassificationDataset.of(trainExamples, tokenizer, maxLength);
        ClassificationDataset evalData = evalExamples == null ? null
                : ClassificationDataset.of(evalExamples, tokenizer, maxLength);
        LOG.info("{}: {} training examples, labels {}; {}% of them cut to {} tokens", train, trainData.size(),
                labels.names(), Math.round(100 * trainData.truncatedFraction(maxLength)), maxLength);
        int perEpoch = Math.ceilDiv(Math.ceilDiv(trainData.size(), batchSize), gradAccum);
        TrainingArguments args = TrainingArguments.builder(out).learningRate(lr).batchSize(batchSize)
                .evalBatchSize(evalBatchSize).gradientAccumulationSteps(gradAccum).numTrainEpochs(epochs)
                .maxSteps(maxSteps).weightDecay(weightDecay).evalSteps(evalSteps != null ? evalSteps : perEpoch)
                .saveSteps(saveSteps != null ? saveSteps : perEpoch).saveTotalLimit(saveTotalLimit)
                .metricForBestModel("accuracy").seed(seed).build();
        Trainer<Batch> trainer = new Trainer<>(classifier,
                new SequenceClassificationTask(classifier), trainData, evalData, args);
        int steps = trainer.state().maxSteps();
        trainer.withSchedule(Schedule.linear(lr, (int) Math.ceil(warmupRatio * steps), steps));

        TrainResult result = TrainSession.run(trainer, checkpoint, args.progressBar() ? 0 : logSteps);
        report(result, start);
        return 0;
    }

    private void checkFlags() {
        TrainSession.requireCommon(lr, batchSize, weightDecay, saveTotalLimit);
        require(epochs > 0 && epochs < 1e6, "--epochs", epochs, "a value in (0, 1e6)");
        require(maxLength >= 3, "--max-length", maxLength, ">= 3 ([CLS], one token, [SEP])");
        require(warmupRatio >= 0 && warmupRatio <= 1, "--warmup-ratio", warmupRatio, "a value in [0, 1]");
        require(gradAccum >= 1, "--grad-accum", gradAccum, ">= 1");
        require(evalSteps == null || evalSteps >= 0, "--eval-steps", evalSteps, ">= 0");
        require(saveSteps == null || saveSteps >= 0, "--save-steps", saveSteps, ">= 0");
        require(maxSteps >= 0, "--max-steps", maxSteps, ">= 0");
        require(evalBatchSize >= 1, "--eval-batch-size", evalBatchSize, ">= 1");
        require(logSteps >= 0, "--log-steps", logSteps, ">= 0");
    }

    private void report(TrainResult result, long start) {
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "trained %d steps in %s (mean training loss %.4f)%n", result.globalStep(),
                TrainSession.duration((System.nanoTime() - start) / 1e9), result.trainingLoss());
        EvalResult last = result.lastEval();
        if (last != null) {
            o.printf(Locale.ROOT, "eval accuracy %.4f, f1 %.4f, loss %.4f on %s%n", last.get("accuracy"),
                    last.get("f1"), last.loss(), eval);
        }
        o.printf("model saved to %s%n", out);
    }
}
