package dev.transformers4j.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The settings of a training run, named as HF's {@code TrainingArguments}; validated when built, with errors
 * naming the setting and its allowed range. Build with {@link #builder(Path)}.
 *
 * @param maxSteps       total optimizer updates; 0 means {@code ceil(numTrainEpochs × micro-batches per epoch
 *                       / gradientAccumulationSteps)}
 * @param maxGradNorm    clip the global gradient norm to this (0 = no clipping)
 * @param maxTokens      when &gt; 0, batches hold at most this many padded tokens instead of {@code batchSize}
 *                       examples (fairseq's {@code --max-tokens}; the dataset gives {@link Dataset#numTokens}),
 *                       for training and evaluation
 * @param evalSteps      evaluate every this many updates (0 = only at the end); needs an eval dataset
 * @param saveSteps      write {@code checkpoint-N} every this many updates (0 = never)
 * @param saveTotalLimit keep only the newest this many checkpoints (0 = keep all)
 * @param earlyStoppingPatience stop after this many evaluations without improvement of
 *                       {@code metricForBestModel} (0 = never stop early)
 * @param progressBar    draw a progress bar on standard error
 */
public record TrainingArguments(
        Path outputDir, double learningRate, int batchSize, int evalBatchSize, int gradientAccumulationSteps,
        double numTrainEpochs, int maxSteps, double weightDecay, double adamBeta1, double adamBeta2,
        double adamEpsilon, double maxGradNorm, String lrSchedulerType, int warmupSteps, int maxTokens,
        int evalSteps, int saveSteps, int saveTotalLimit, String metricForBestModel, int earlyStoppingPatience,
        long seed, boolean progressBar) {

    public TrainingArguments {
        Objects.requireNonNull(outputDir, "output_dir");
        require(learningRate > 0 && learningRate <= 1, "learning_rate", learningRate, "in (0, 1]");
        require(batchSize >= 1, "batch_size", batchSize, ">= 1");
        require(evalBatchSize >= 1, "eval_batch_size", evalBatchSize, ">= 1");
        require(gradientAccumulationSteps >= 1, "gradient_accumulation_steps", gradientAccumulationSteps, ">= 1");
        require(numTrainEpochs > 0 && numTrainEpochs < 1e6, "num_train_epochs", numTrainEpochs, "in (0, 1e6)");
        require(maxSteps >= 0, "max_steps", maxSteps, ">= 0 (0 = from num_train_epochs)");
        require(weightDecay >= 0 && weightDecay < 1, "weight_decay", weightDecay, "in [0, 1)");
        require(adamBeta1 >= 0 && adamBeta1 < 1, "adam_beta1", adamBeta1, "in [0, 1)");
        require(adamBeta2 >= 0 && adamBeta2 < 1, "adam_beta2", adamBeta2, "in [0, 1)");
        require(adamEpsilon >= 0 && adamEpsilon < 1, "adam_epsilon", adamEpsilon, "in [0, 1)");
        require(maxGradNorm >= 0 && !Double.isInfinite(maxGradNorm), "max_grad_norm", maxGradNorm, ">= 0 (0 = off)");
        require(warmupSteps >= 0, "warmup_steps", warmupSteps, ">= 0");
        require(maxTokens >= 0, "max_tokens", maxTokens, ">= 0 (0 = batch_size examples per batch)");
        require(evalSteps >= 0, "eval_steps", evalSteps, ">= 0 (0 = only at the end)");
        require(saveSteps >= 0, "save_steps", saveSteps, ">= 0 (0 = never)");
        require(saveTotalLimit >= 0, "save_total_limit", saveTotalLimit, ">= 0 (0 = keep all)");
        require(earlyStoppingPatience >= 0, "early_stopping_patience", earlyStoppingPatience, ">= 0 (0 = off)");
        dev.transformers4j.train.optim.Schedule.Kind.parse(lrSchedulerType);
        Objects.requireNonNull(metricForBestModel, "metric_for_best_model");
    }

    /** Whether a larger {@code metricForBestModel} is better: false for losses and perplexity, as HF decides. */
    public boolean greaterIsBetter() {
        return !metricForBestModel.endsWith("loss") && !metricForBestModel.equals("perplexity");
    }

    /** HF's defaults: lr 5e-5, batch 8, 3 epochs, linear schedule, AdamW β (0.9, 0.999), ε 1e-8, clip at 1.0. */
    public static Builder builder(Path outputDir) {
        return new Builder(outputDir);
    }

    private static void require(boolean ok, String setting, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException("setting '" + setting + "': expected " + range + " but was " + value);
        }
    }

    /** Builds {@link TrainingArguments}; each setter takes the HF setting of the same name. */
    public static final class Builder {
        private final Path outputDir;
        private double learningRate = 5e-5;
        private int batchSize = 8;
        private int evalBatchSize = 8;
        private int gradientAccumulationSteps = 1;
        private double numTrainEpochs = 3;
        private int maxSteps;
        private double weightDecay;
        private double adamBeta1 = 0.9;
        private double adamBeta2 = 0.999;
        private double adamEpsilon = 1e-8;
        private double maxGradNorm = 1.0;
        private String lrSchedulerType = "linear";
        private int warmupSteps;
        private int maxTokens;
        private int evalSteps;
        private int saveSteps;
        private int saveTotalLimit;
        private String metricForBestModel = "loss";
        private int earlyStoppingPatience;
        private long seed = 42;
        private boolean progressBar = System.console() != null && System.console().isTerminal();

        private Builder(Path outputDir) {
            this.outputDir = outputDir;
        }

        // @formatter:off
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder evalBatchSize(int v) { evalBatchSize = v; return this; }
        public Builder gradientAccumulationSteps(int v) { gradientAccumulationSteps = v; return this; }
        public Builder numTrainEpochs(double v) { numTrainEpochs = v; return this; }
        public Builder maxSteps(int v) { maxSteps = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder adamBetas(double b1, double b2) { adamBeta1 = b1; adamBeta2 = b2; return this; }
        public Builder adamEpsilon(double v) { adamEpsilon = v; return this; }
        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder lrSchedulerType(String v) { lrSchedulerType = v; return this; }
        public Builder warmupSteps(int v) { warmupSteps = v; return this; }
        public Builder maxTokens(int v) { maxTokens = v; return this; }
        public Builder evalSteps(int v) { evalSteps = v; return this; }
        public Builder saveSteps(int v) { saveSteps = v; return this; }
        public Builder saveTotalLimit(int v) { saveTotalLimit = v; return this; }
        public Builder metricForBestModel(String v) { metricForBestModel = v; return this; }
        public Builder earlyStoppingPatience(int v) { earlyStoppingPatience = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder progressBar(boolean v) { progressBar = v; return this; }
        // @formatter:on

        /** @throws IllegalArgumentException naming the first setting out of range */
        public TrainingArguments build() {
            return new TrainingArguments(outputDir, learningRate, batchSize, evalBatchSize, gradientAccumulationSteps,
                    numTrainEpochs, maxSteps, weightDecay, adamBeta1, adamBeta2, adamEpsilon, maxGradNorm,
                    lrSchedulerType, warmupSteps, maxTokens, evalSteps, saveSteps, saveTotalLimit, metricForBestModel,
                    earlyStoppingPatience, seed, progressBar);
        }
    }
}
