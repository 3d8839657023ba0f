package dev.transformers4j.cli.train;

import static dev.transformers4j.cli.train.TrainSession.require;

import dev.transformers4j.models.bert.BertForSequenceClassification;
import dev.transformers4j.pipelines.HfFolderFiles;
import dev.transformers4j.pipelines.ModelResolver;
import dev.transformers4j.pipelines.data.ClassificationDataset;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code t4j train text-classification}: BERT fine-tuning for sentence classification (Devlin et al. 2019, §4.1):
 * a pretrained encoder plus a new linear head on the pooled {@code [CLS]} state, every weight trained with AdamW
 * and a linear warmup then linear decay of the learning rate, as HF's {@code Trainer} does by default.
 */
@Command(name = "text-classification", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fine-tune a pretrained BERT encoder with a new classification head on a text<TAB>label TSV.",
                "Labels 0/1 become negative/positive, other numbers LABEL_i, names stay names. The model is saved to"
                        + " --out (config.json with id2label, model.safetensors, tokenizer.json) for 't4j classify'"
                        + " and 't4j evaluate'."})
public final class TrainTextClassificationCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainTextClassificationCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    TrainOutputOptions output;
    @Mixin
    TrainEpochOptions length;

    @Option(names = "--model", defaultValue = "all-MiniLM-L6-v2", paramLabel = "NAME|DIR",
            description = "The encoder: a built-in model (all-MiniLM-L6-v2, bge-small-en-v1.5) or an HF BERT folder (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--train", required = true, paramLabel = "FILE.tsv", description = "Training examples (header text<TAB>label).")
    Path train;
    @Option(names = "--eval", paramLabel = "FILE.tsv", description = "Evaluation examples: accuracy and F1 during and after training.")
    Path eval;
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
    @Option(names = "--eval-batch-size", defaultValue = "64", description = "Texts per evaluation batch (default: ${DEFAULT-VALUE}).")
    int evalBatchSize;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        checkFlags();
        List<LabeledText> rows = ClassificationTsv.read(train);                       // bad files fail first
        LabelSet labels = LabelSet.fromExamples(rows);
        List<ClassificationExample> trainExamples = labels.resolve(rows);
        List<ClassificationExample> evalExamples = eval == null ? null : ClassificationTsv.read(eval, labels);
        Path checkpoint = output.prepare();
        Path encoder = ModelResolver.resolve(model);
        Tokenizer tokenizer = Tokenizer.fromFolder(encoder);
        BertForSequenceClassification classifier = BertForSequenceClassification.fromEncoder(encoder,
                labels.id2label(), output.seed);
        int positions = classifier.config().maxPositionEmbeddings();
        require(maxLength <= positions, "--max-length", maxLength, "at most the model's max_position_embeddings " + positions);
        HfFolderFiles.copyTokenizer(encoder, output.out, tokenizer, "BertTokenizer", positions);

        ClassificationDataset trainData = ClassificationDataset.of(trainExamples, tokenizer, maxLength);
        ClassificationDataset evalData = evalExamples == null ? null
                : ClassificationDataset.of(evalExamples, tokenizer, maxLength);
        LOG.info("{}: {} training examples, labels {}; {}% of them cut to {} tokens", train, trainData.size(),
                labels.names(), Math.round(100 * trainData.truncatedFraction(maxLength)), maxLength);
        int perEpoch = length.stepsPerEpoch(Math.ceilDiv(trainData.size(), batchSize));
        TrainingArguments args = TrainingArguments.builder(output.out).learningRate(lr).batchSize(batchSize)
                .evalBatchSize(evalBatchSize).gradientAccumulationSteps(length.gradAccum).numTrainEpochs(length.epochs)
                .maxSteps(length.maxSteps).weightDecay(weightDecay).evalSteps(length.evalSteps(perEpoch))
                .saveSteps(output.saveSteps(perEpoch)).saveTotalLimit(output.saveTotalLimit)
                .metricForBestModel("accuracy").seed(output.seed).build();
        Trainer<Batch> trainer = new Trainer<>(classifier,
                new SequenceClassificationTask(classifier), trainData, evalData, args);
        int steps = trainer.maxSteps();
        trainer.withSchedule(Schedule.linear(lr, (int) Math.ceil(warmupRatio * steps), steps));

        TrainResult result = TrainSession.run(trainer, checkpoint, args.progressBar() ? 0 : output.logSteps(10));
        report(result, start);
        return 0;
    }

    private void checkFlags() {
        output.check();
        length.check();
        TrainSession.requireCommon(lr, batchSize, weightDecay);
        require(maxLength >= 3, "--max-length", maxLength, ">= 3 ([CLS], one token, [SEP])");
        require(warmupRatio >= 0 && warmupRatio <= 1, "--warmup-ratio", warmupRatio, "a value in [0, 1]");
        require(evalBatchSize >= 1, "--eval-batch-size", evalBatchSize, ">= 1");
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
        o.printf("model saved to %s%n", output.out);
    }
}
