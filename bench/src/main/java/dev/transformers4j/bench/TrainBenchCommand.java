package dev.transformers4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.core.Backend;
import dev.transformers4j.models.PretrainedModel;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.bert.BertForSequenceClassification;
import dev.transformers4j.models.gpt2.GPT2Config;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.io.Init;
import dev.transformers4j.pipelines.ModelResolver;
import dev.transformers4j.train.Batch;
import dev.transformers4j.train.CausalLanguageModelingTask;
import dev.transformers4j.train.SequenceClassificationTask;
import dev.transformers4j.train.TrainingTask;
import dev.transformers4j.train.optim.AdamW;
import dev.transformers4j.train.optim.ParameterGroups;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code t4j bench train}: training speed — one optimizer step is forward, backward and AdamW — for the two
 * exercises: the Tiny Shakespeare GPT (4 layers, 128 wide, 4 heads, context 128, batch 32, 66 characters) and
 * fine-tuning all-MiniLM-L6-v2 for sequence classification at batch 32 × 64. Where Python can import PyTorch
 * and transformers, the same configurations are timed there too, in the same run, with the same thread count.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training tokens/s (forward + backward + AdamW) of the Exercise 2 GPT and of MiniLM "
                + "fine-tuning, beside PyTorch in the same run when Python can import torch.")
final class TrainBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for our kernels and for PyTorch (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--steps", defaultValue = "8", description = "Timed optimizer steps per model (median; default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--model", defaultValue = "all-MiniLM-L6-v2",
            description = "The encoder fine-tuned in the second measurement (default ${DEFAULT-VALUE}).")
    String encoder;

    @Option(names = "--python", description = "The Python to time PyTorch with (default: $T4J_PYTHON or python3); "
            + "'none' skips it.")
    String python;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    /** One configuration: its name, what one step sees, and our median seconds per step. */
    record Figure(String name, int batch, int length, long parameters, double secondsPerStep) {
        double tokensPerSecond() {
            return batch * (double) length / secondsPerStep;
        }
    }

    @Override
    public Integer call() throws Exception {
        Backend.use(Backend.create(Backend.VECTOR, threads));
        PrintWriter err = spec.commandLine().getErr();
        Path encoderDir = ModelResolver.resolve(encoder);
        err.println("bench train: the Tiny Shakespeare GPT (4×128, context 128, batch 32)...");
        Figure gpt = measureGpt();
        err.println("bench train: fine-tuning " + encoder + " (batch 32 × 64)...");
        Figure bert = measureClassifier(encoderDir);
        err.println("bench train: the same in PyTorch, if Python can import it...");
        JsonNode torch = TorchTiming.run(TorchTiming.python(python), "train_torch.py", List.of("--threads", String.valueOf(threads),
                "--steps", String.valueOf(steps), "--warmup", String.valueOf(warmup), "--encoder", encoderDir.toString()));
        report(List.of(gpt, bert), torch);
        return 0;
    }

    private Figure measureGpt() {
        GPT2Config config = GPT2Config.small().toBuilder().vocabSize(66).nPositions(128).nEmbd(128).nLayer(4).nHead(4)
                .nInner(512).bosTokenId(65).eosTokenId(65).build();
        GPT2LMHeadModel model = new GPT2LMHeadModel(config);
        Init.initialize(model, model.namedParameters().keySet(), config.initializerRange(), 1);
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<int[]> rows = randomRows(32, 128, 66, 100 + i);
            TokenBatch input = TokenBatch.rightPadded(rows, null, 0);
            batches.add(new Batch(input, input.ids().clone()));
        }
        double s = secondsPerStep(model, new CausalLanguageModelingTask(model), batches, 1e-3, 0.1);
        return new Figure("gpt-tinyshakespeare", 32, 128, model.parameterCount(), s);
    }

    private Figure measureClassifier(Path encoderDir) {
        BertForSequenceClassification model = BertForSequenceClassification.fromEncoder(encoderDir,
                Map.of(0, "negative", 1, "positive"), 1);
        int vocab = model.config().vocabSize();
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<int[]> rows = randomRows(32, 64, vocab, 200 + i);
            SplittableRandom r = new SplittableRandom(300 + i);
            int[] labels = new int[32];
            for (int b = 0; b < 32; b++) {
                labels[b] = r.nextInt(2);
            }
            batches.add(new Batch(TokenBatch.rightPadded(rows, null, 0), labels));
        }
        double s = secondsPerStep(model, new SequenceClassificationTask(model), batches, 1e-4, 0.01);
        return new Figure("minilm-finetune", 32, 64, model.parameterCount(), s);
    }

    /** Median wall seconds of {@code loss → backward → AdamW step → zero gradients}, alternating the batches. */
    private double secondsPerStep(PretrainedModel model, TrainingTask<Batch> task, List<Batch> batches,
                                  double lr, double weightDecay) {
        model.module().requiresGrad(true);
        model.module().train();
        AdamW optimizer = new AdamW(ParameterGroups.withDecay(model.module(), weightDecay), lr);
        return Timing.trainStepSeconds(task, batches, optimizer, warmup, steps);
    }

    /** Ids in {@code [1, vocab)} (0 is never drawn, so it can pad). */
    private static List<int[]> randomRows(int rows, int length, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int b = 0; b < rows; b++) {
            int[] ids = new int[length];
            for (int t = 0; t < length; t++) {
                ids[t] = 1 + r.nextInt(vocab - 1);
            }
            out.add(ids);
        }
        return out;
    }

    private void report(List<Figure> ours, JsonNode torch) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            root.put("threads", threads);
            ObjectNode models = root.putObject("models");
            for (Figure f : ours) {
                ObjectNode n = models.putObject(f.name());
                n.put("batch", f.batch()).put("length", f.length()).put("parameters", f.parameters());
                n.put("seconds_per_step", f.secondsPerStep()).put("tokens_per_s", f.tokensPerSecond());
                JsonNode t = torch.path("models").path(f.name());
                if (t.has("tokens_per_s")) {
                    n.put("pytorch_tokens_per_s", t.get("tokens_per_s").asDouble());
                    n.put("ratio_to_pytorch", f.tokensPerSecond() / t.get("tokens_per_s").asDouble());
                }
            }
            root.set("pytorch", torch);
            out.println(m.writeValueAsString(root));
            return;
        }
        out.println(MachineInfo.detect().describe());
        out.printf(Locale.ROOT, "%d threads; one step = forward + backward + AdamW%n", threads);
        for (Figure f : ours) {
            out.printf(Locale.ROOT, "%-20s %,11d params  batch %d × %d  %7.3f s/step  %8.0f tokens/s", f.name(),
                    f.parameters(), f.batch(), f.length(), f.secondsPerStep(), f.tokensPerSecond());
            JsonNode t = torch.path("models").path(f.name());
            if (t.has("tokens_per_s")) {
                double pt = t.get("tokens_per_s").asDouble();
                out.printf(Locale.ROOT, "  | PyTorch %8.0f tokens/s  ratio %.2f×", pt, f.tokensPerSecond() / pt);
            }
            out.println();
        }
        out.println(torch.has("version") ? "PyTorch " + torch.get("version").asText() + " (same run, same threads)"
                : "PyTorch: " + torch.path("skipped").asText("not measured"));
    }
}
