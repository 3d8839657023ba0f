package dev.transformers4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.core.Backend;
import dev.transformers4j.generation.GenerationConfig;
import dev.transformers4j.generation.Generator;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.marian.MarianConfig;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.train.Seq2SeqBatch;
import dev.transformers4j.train.Seq2SeqTranslationTask;
import dev.transformers4j.train.optim.AdamW;
import dev.transformers4j.train.optim.ParameterGroups;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@code t4j bench translate}: the paper's encoder-decoder at the size {@code t4j train translation} trains by
 * default ({@link MarianConfig#small}: 3 + 3 layers, 256 wide, 4 heads, d_ff 1024, a shared 8000-token
 * vocabulary) — training tokens/s (teacher forcing, label-smoothed loss, backward, Adam) and translation
 * sentences/s, greedy and beam 4. The same weights, saved in the HF layout, are timed in PyTorch's
 * {@code MarianMTModel} in the same run when Python can import torch and transformers. Generation is forced
 * to {@code --new-tokens} tokens ({@code min_new_tokens = max_new_tokens}) so both do the same work whatever
 * the random weights predict.
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Training tokens/s and translation sentences/s (greedy, beam 4) of the small Marian model, "
                + "beside PyTorch's MarianMTModel in the same run when Python can import torch.")
final class TranslateBenchCommand implements Callable<Integer> {

    static final int VOCAB = 8000;

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for our kernels and for PyTorch (default ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--steps", defaultValue = "6", description = "Timed repeats of each measurement (median; default ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--warmup", defaultValue = "2", description = "Untimed repeats first (default ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--batch", defaultValue = "128", description = "Sentence pairs per training step (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--sentences", defaultValue = "32", description = "Sources translated as one batch (default ${DEFAULT-VALUE}).")
    int sentences;
    @Option(names = "--new-tokens", defaultValue = "24", description = "Tokens generated per sentence (default ${DEFAULT-VALUE}).")
    int newTokens;
    @Option(names = "--python", description = "The Python to time PyTorch with (default: $T4J_PYTHON or python3); 'none' skips it.")
    String python;
    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    /** Source and target lengths of the synthetic pairs: Multi30k's sentences are 12–14 words. */
    static final int SOURCE_LENGTH = 20;
    static final int TARGET_LENGTH = 22;

    @Override
    public Integer call() throws Exception {
        Backend.use(Backend.create(Backend.VECTOR, threads));
        PrintWriter err = spec.commandLine().getErr();
        MarianConfig config = MarianConfig.small(VOCAB);
        MarianMTModel model = MarianMTModel.initialized(config, 7);
        Path dir = Files.createTempDirectory("t4j-bench-marian");
        try {
            model.savePretrained(dir);
            List<Seq2SeqBatch> batches = List.of(pairs(config, 11), pairs(config, 12));
            TokenBatch sources = TokenBatch.rightPadded(rows(sentences, SOURCE_LENGTH, config, 13), null,
                    config.padTokenId());
            err.println("bench translate: training steps (batch " + batch + " pairs, " + SOURCE_LENGTH + " → "
                    + TARGET_LENGTH + " tokens)...");
            Map<String, Double> ours = new LinkedHashMap<>();
            ours.put("train_tokens_per_s", batch * (double) (SOURCE_LENGTH + TARGET_LENGTH) / trainSeconds(model, batches));
            model.module().eval();
            model.module().requiresGrad(false);
            err.println("bench translate: generation (" + sentences + " sentences × " + newTokens + " tokens)...");
            ours.put("greedy_sentences_per_s", sentences / generateSeconds(model, sources, 1));
            ours.put("beam4_sentences_per_s", sentences / generateSeconds(model, sources, 4));
            err.println("bench translate: the same in PyTorch, if Python can import it...");
            Path inputs = dir.resolve("bench-inputs.json");
            writeInputs(inputs, batches, sources);
            JsonNode torch = TorchTiming.run(TorchTiming.python(python), "translate_torch.py", List.of("--model", dir.toString(),
                    "--inputs", inputs.toString(), "--threads", String.valueOf(threads), "--steps",
                    String.valueOf(steps), "--warmup", String.valueOf(warmup), "--new-tokens", String.valueOf(newTokens)));
            report(model, ours, torch);
        } finally {
            TorchTiming.deleteTree(dir);
        }
        return 0;
    }

    /** Median seconds of one teacher-forced step: label-smoothed loss (ε 0.1), backward, Adam (0.9, 0.98, 1e-9). */
    private double trainSeconds(MarianMTModel model, List<Seq2SeqBatch> batches) {
        model.module().requiresGrad(true);
        model.module().train();
        Seq2SeqTranslationTask task = new Seq2SeqTranslationTask(model, 0.1);
        AdamW adam = new AdamW(ParameterGroups.withDecay(model.module(), 0.0), 1e-4, 0.9, 0.98, 1e-9);
        return Timing.trainStepSeconds(task, batches, adam, warmup, steps);
    }

    private double generateSeconds(MarianMTModel model, TokenBatch sources, int beams) {
        GenerationConfig config = GenerationConfig.builder().numBeams(beams).maxNewTokens(newTokens)
                .minNewTokens(newTokens).doSample(false).build();
        Generator generator = new Generator(model);
        return Timing.interleavedMedianMillis(warmup, steps, () -> generator.generate(sources, config))[0] / 1e3;
    }

    private Seq2SeqBatch pairs(MarianConfig config, long seed) {
        int[] indices = new int[batch];
        for (int i = 0; i < batch; i++) {
            indices[i] = i;
        }
        return Seq2SeqBatch.collate(indices, rows(batch, SOURCE_LENGTH, config, seed),
                rows(batch, TARGET_LENGTH, config, seed + 100), config.padTokenId(), config.decoderStartTokenId());
    }

    /** Random ids that avoid {@code </s>} and {@code <pad>}, each row ending in {@code </s>}. */
    static List<int[]> rows(int count, int length, MarianConfig config, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            int[] ids = new int[length];
            for (int t = 0; t < length - 1; t++) {
                ids[t] = 1 + r.nextInt(config.vocabSize() - 2);       // (0 = </s>, V − 1 = <pad>)
            }
            ids[length - 1] = config.eosTokenId();
            out.add(ids);
        }
        return out;
    }

    /** The exact batches, for the Python side: {@code {"train": [{input_ids, attention_mask, decoder_input_ids, labels}], "sources": {...}}}. */
    private static void writeInputs(Path file, List<Seq2SeqBatch> batches, TokenBatch sources) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        var train = root.putArray("train");
        for (Seq2SeqBatch b : batches) {
            ObjectNode n = train.addObject();
            int rows = b.size();
            n.set("input_ids", m.valueToTree(matrix(b.source().ids(), rows)));
            n.set("attention_mask", m.valueToTree(matrix(b.source().attentionMask(), rows)));
            n.set("decoder_input_ids", m.valueToTree(matrix(b.decoderInputIds(), rows)));
            n.set("labels", m.valueToTree(matrix(b.labels(), rows)));
        }
        ObjectNode src = root.putObject("sources");
        src.set("input_ids", m.valueToTree(matrix(sources.ids(), sources.batch())));
        src.set("attention_mask", m.valueToTree(matrix(sources.attentionMask(), sources.batch())));
        m.writeValue(file.toFile(), root);
    }

    private static int[][] matrix(int[] flat, int rows) {
        int cols = flat.length / rows;
        int[][] out = new int[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = java.util.Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
        }
        return out;
    }

    private void report(MarianMTModel model, Map<String, Double> ours, JsonNode torch) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            root.put("threads", threads).put("parameters", model.module().parameterCount());
            ObjectNode figures = root.putObject("ours");
            ours.forEach(figures::put);
            root.set("pytorch", torch);
            out.println(m.writeValueAsString(root));
            return;
        }
        out.println(MachineInfo.detect().describe());
        out.printf(Locale.ROOT, "%d threads; Marian small (3+3 layers, 256 wide, vocabulary %d), %,d parameters%n",
                threads, VOCAB, model.module().parameterCount());
        String[][] rows = {{"train_tokens_per_s", "training (" + batch + " pairs)", "tokens/s"},
                {"greedy_sentences_per_s", "greedy (" + sentences + " × " + newTokens + ")", "sentences/s"},
                {"beam4_sentences_per_s", "beam 4 (" + sentences + " × " + newTokens + ")", "sentences/s"}};
        for (String[] r : rows) {
            out.printf(Locale.ROOT, "%-24s %9.1f %-12s", r[1], ours.get(r[0]), r[2]);
            JsonNode t = torch.path(r[0]);
            if (t.isNumber()) {
                out.printf(Locale.ROOT, "| PyTorch %9.1f  ratio %.2f×", t.asDouble(), ours.get(r[0]) / t.asDouble());
            }
            out.println();
        }
        out.println(torch.has("version") ? "PyTorch " + torch.get("version").asText() + ", transformers "
                + torch.path("transformers").asText() + " (same run, same threads, same weights)"
                : "PyTorch: " + torch.path("skipped").asText("not measured"));
    }
}
