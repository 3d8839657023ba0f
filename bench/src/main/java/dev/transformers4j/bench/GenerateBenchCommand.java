package dev.transformers4j.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.transformers4j.cli.support.WeightDTypeOption;
import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.WeightDType;
import dev.transformers4j.generation.GenerationConfig;
import dev.transformers4j.generation.Generator;
import dev.transformers4j.models.DecoderInput;
import dev.transformers4j.models.KVCache;
import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.models.gpt2.GPT2Config;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.io.Init;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code t4j bench generate}: decoding speed of a GPT-2-small-shaped model (124M parameters, random weights)
 * with the KV cache at batch 1, prefill speed on a 512-token prompt, and — measured in the same run — the
 * machine's read bandwidth, which bounds decoding: every step reads all the weights once. With {@code --dtype int8}
 * or {@code bf16} the weights are read as 1 or 2 bytes, and float32 decoding is timed in the same run, the two
 * alternating run by run ({@code --all-dtypes}: float32, int8 and bf16 alternating).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Decode tokens/s (batch 1, KV cache) and prefill tokens/s of a GPT-2-small-shaped model, "
                + "beside the memory-bandwidth bound measured in the same run.")
final class GenerateBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for our kernels (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--new-tokens", defaultValue = "128", description = "Tokens decoded per timed run.")
    int newTokens;

    @Option(names = "--prefill", defaultValue = "512", description = "Prompt length for the prefill measurement.")
    int prefill;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed runs (median).")
    int repeats;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Mixin
    WeightDTypeOption weights;

    @Option(names = "--all-dtypes", description = "Time decoding in float32, int8 and bf16, alternating run by run.")
    boolean allDTypes;

    @Override
    public Integer call() throws Exception {
        Kernels kernels = Backend.create(Backend.VECTOR, threads);
        Backend.use(kernels);
        PrintWriter err = spec.commandLine().getErr();
        err.println("bench generate: building a GPT-2-small-shaped model with random weights...");
        GPT2Config config = GPT2Config.small();
        GPT2LMHeadModel model = new GPT2LMHeadModel(config);
        Init.initialize(model, model.namedParameters().keySet(), config.initializerRange(), 1);
        long params = model.parameterCount();
        double bandwidth = MemoryBandwidth.measure(kernels, threads, 1024, 5);
        WeightDType dtype = weights.dtype;
        List<WeightDType> timed = new ArrayList<>(List.of(WeightDType.FLOAT32));
        if (allDTypes) {
            timed.addAll(List.of(WeightDType.INT8, WeightDType.BF16));
        } else if (dtype != WeightDType.FLOAT32) {
            timed.add(dtype);
        }
        Map<WeightDType, Double> decodeTpsByDType = new LinkedHashMap<>();
        decodeMillis(model, timed).forEach((d, ms) -> decodeTpsByDType.put(d, newTokens / (ms / 1e3)));
        model.weightDType(dtype);
        double prefillMs = prefillMillis(model);
        double decodeTps = decodeTpsByDType.get(dtype);
        double prefillTps = prefill / (prefillMs / 1e3);
        // each step reads every weight once (the tied wte serves as lm_head) plus the cached keys/values
        double kvBytes = 2.0 * config.nLayer() * config.nEmbd() * (16 + newTokens / 2.0) * 4;
        double bytesPerToken = 4.0 * params + kvBytes;
        double boundTps = bandwidth * 1e9 / bytesPerToken;
        report(params, bandwidth, decodeTps, prefillTps, boundTps, bytesPerToken, decodeTpsByDType);
        return 0;
    }

    /**
     * Median wall time of decoding {@code newTokens} tokens greedily after a 16-token prompt (prefill excluded), for
     * each weight dtype: the dtypes take turns run by run, so a change in the machine's load hits them alike. Each
     * turn first switches the model's weights and runs one untimed step (which prepares them).
     */
    private Map<WeightDType, Double> decodeMillis(GPT2LMHeadModel model, List<WeightDType> dtypes) {
        int[] prompt = randomIds(16, 7);
        GenerationConfig greedy = GenerationConfig.builder().maxNewTokens(1).eosTokenIds(List.of()).build();
        GenerationConfig full = greedy.toBuilder().maxNewTokens(newTokens + 1).build();
        TokenBatch batch = TokenBatch.of(prompt);
        Runnable one = () -> Generator.generate(model, batch, greedy, null);
        Runnable all = () -> Generator.generate(model, batch, full, null);
        Map<WeightDType, double[][]> ms = new LinkedHashMap<>();
        for (int r = -1; r < repeats; r++) {               // round -1 warms up
            for (WeightDType d : dtypes) {
                model.weightDType(d);
                one.run();
                double[] oneAll = Timing.interleavedMedianMillis(0, 1, one, all);
                if (r >= 0) {
                    double[][] m = ms.computeIfAbsent(d, k -> new double[2][repeats]);
                    m[0][r] = oneAll[0];
                    m[1][r] = oneAll[1];
                }
            }
        }
        Map<WeightDType, Double> out = new LinkedHashMap<>();
        // the prompt and the first token cancel out
        ms.forEach((d, m) -> out.put(d, Timing.median(m[1]) - Timing.median(m[0])));
        return out;
    }

    /** Median wall time of one forward pass over a {@code prefill}-token prompt into an empty cache. */
    private double prefillMillis(GPT2LMHeadModel model) {
        int[] prompt = randomIds(prefill, 11);
        DecoderInput in = DecoderInput.of(TokenBatch.of(prompt));
        return Timing.interleavedMedianMillis(1, repeats, () -> {
            KVCache cache = model.newCache(1, prefill);
            model.nextTokenLogits(in, cache);
        })[0];
    }

    private static int[] randomIds(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = r.nextInt(50000);
        }
        return ids;
    }

    private void report(long params, double gbps, double decode, double prefillTps, double bound, double bytes,
                        Map<WeightDType, Double> byDType) throws java.io.IOException {
        double fp32 = byDType.get(WeightDType.FLOAT32);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            StringWriter s = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(s)) {
                g.writeStartObject();
                g.writeStringField("model", "gpt2-small (random weights)");
                g.writeNumberField("parameters", params);
                g.writeNumberField("threads", threads);
                g.writeNumberField("bandwidth_gb_per_s", gbps);
                g.writeNumberField("bytes_per_token", bytes);
                g.writeNumberField("decode_tokens_per_s", decode);
                g.writeNumberField("decode_bound_tokens_per_s", bound);
                g.writeNumberField("decode_fraction_of_bound", decode / bound);
                g.writeNumberField("prefill_tokens", prefill);
                g.writeNumberField("prefill_tokens_per_s", prefillTps);
                g.writeStringField("dtype", weights.dtype.label());
                if (byDType.size() > 1) {
                    g.writeNumberField("decode_speedup_vs_float32", decode / fp32);
                    g.writeObjectFieldStart("decode_tokens_per_s_by_dtype");
                    for (Map.Entry<WeightDType, Double> e : byDType.entrySet()) {
                        g.writeNumberField(e.getKey().label(), e.getValue());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            out.println(s);
            return;
        }
        out.println(MachineInfo.detect().describe());
        out.printf(Locale.ROOT, "GPT-2 small shape, %,d parameters, %d threads, weights %s%n", params, threads,
                weights.dtype.label());
        out.printf(Locale.ROOT, "read bandwidth          %8.1f GB/s%n", gbps);
        out.printf(Locale.ROOT, "bound (weights/token)   %8.1f tokens/s  (%.0f MB read per token)%n", bound, bytes / 1e6);
        out.printf(Locale.ROOT, "decode, batch 1, cache  %8.1f tokens/s  = %.0f%% of the float32 bound%n", decode,
                100 * decode / bound);
        for (Map.Entry<WeightDType, Double> e : byDType.entrySet()) {
            if (byDType.size() > 1) {
                out.printf(Locale.ROOT, "  %-7s weights       %8.1f tokens/s  = %.2fx float32 (same run, alternating)%n",
                        e.getKey().label(), e.getValue(), e.getValue() / fp32);
            }
        }
        out.printf(Locale.ROOT, "prefill, %d tokens     %8.1f tokens/s%n", prefill, prefillTps);
    }
}
