package dev.transformers4j.cli.run;

import dev.transformers4j.cli.support.IdLists;
import dev.transformers4j.cli.support.Json;
import dev.transformers4j.cli.support.Progress;
import dev.transformers4j.cli.support.WeightDTypeOption;
import dev.transformers4j.generation.GenerationConfig;
import dev.transformers4j.generation.GenerationConfigBuilder;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.pipelines.ModelResolver;
import dev.transformers4j.pipelines.TextGenerationPipeline;
import dev.transformers4j.pipelines.TranslationPipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code t4j generate}: text generation with a decoder-only model (text-generation pipeline), or from sources with
 * an encoder-decoder model (translation pipeline, one batch).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate text with a GPT-2-family model folder, streamed as it is produced.",
                "With an encoder-decoder folder (MarianMTModel) each --ids or --prompt is a source; new_ids then exclude the decoder start token.",
                "Sampling is on with --do-sample or when --temperature, --top-k, --top-p, --min-p or --typical-p is given;"
                        + " otherwise the folder's generation_config.json decides (greedy by default)."})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "An HF folder (config.json, model.safetensors, tokenizer).")
    String model;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "A prompt; repeat for a batch (left-padded).")
    List<String> prompts = new ArrayList<>();

    @Option(names = "--ids", paramLabel = "IDS", description = "A prompt (encoder-decoder: a source) as comma-separated token ids; repeatable.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--max-new-tokens", paramLabel = "N", description = "Tokens to generate (default: generation_config.json, else 50).")
    Integer maxNewTokens;

    @Option(names = "--min-new-tokens", paramLabel = "N", description = "End-of-sequence is forbidden before this many new tokens.")
    Integer minNewTokens;

    @Option(names = "--do-sample", description = "Sample instead of taking the most likely token.")
    boolean doSample;

    @Option(names = "--greedy", description = "Never sample (overrides generation_config.json).")
    boolean greedy;

    @Option(names = "--temperature", paramLabel = "T",
            description = "Divide the logits by T before sampling: below 1 sharper, above 1 flatter (turns sampling on).")
    Double temperature;
    @Option(names = "--top-k", paramLabel = "K", description = "Sample among the K most likely tokens only (turns sampling on).")
    Integer topK;
    @Option(names = "--top-p", paramLabel = "P", description = "Nucleus sampling: among the most likely tokens whose"
            + " probabilities add up to P (turns sampling on).")
    Double topP;
    @Option(names = "--min-p", paramLabel = "P",
            description = "Drop the tokens less likely than P times the most likely one (turns sampling on).")
    Double minP;
    @Option(names = "--typical-p", paramLabel = "P", description = "Locally typical sampling: the tokens whose"
            + " information is closest to the expected one, up to probability mass P (turns sampling on).")
    Double typicalP;
    @Option(names = "--repetition-penalty", paramLabel = "R", description = "Make the tokens already in the sequence"
            + " less likely: a positive logit divided by R, a negative one multiplied (CTRL's penalty; 1 = off).")
    Double repetitionPenalty;
    @Option(names = "--no-repeat-ngram-size", paramLabel = "N", description = "Never generate an n-gram of N tokens twice.")
    Integer noRepeatNgramSize;
    @Option(names = "--num-beams", paramLabel = "N", description = "Beam search with N beams (1: greedy or sampling).")
    Integer numBeams;
    @Option(names = "--num-return-sequences", paramLabel = "N",
            description = "Sequences returned per prompt (with beam search, the N best beams; at most --num-beams).")
    Integer numReturnSequences;
    @Option(names = "--length-penalty", paramLabel = "L", description = "Beam search: a sequence's score is its log"
            + " probability divided by length^L; above 0 favours longer sequences (default: generation_config.json, 1).")
    Double lengthPenalty;
    @Option(names = "--sliding-window", description = "Decoder-only models: generate past n_positions, each token "
            + "predicted from the last n_positions tokens (as nanoGPT crops its context).")
    boolean slidingWindow;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for reproducible sampling.") Long seed;
    @Option(names = "--stop", paramLabel = "STR", description = "Stop a sequence once its new text contains this string; repeatable.")
    List<String> stop = new ArrayList<>();

    @Mixin
    WeightDTypeOption weights;

    @Option(names = "--json", description = "Print {\"results\":[{\"ids\":[...],\"new_ids\":[...],\"text\":\"...\"}]}.")
    boolean json;

    @Override
    public Integer call() {
        if (prompts.isEmpty() == ids.isEmpty()) {
            throw new IllegalArgumentException("give the prompts either as --prompt TEXT or as --ids 1,2,3 (one of the two)");
        }
        PrintWriter out = spec.commandLine().getOut();
        Progress.loading(model);
        if (isEncoderDecoder(ModelResolver.resolve(model))) {
            return encoderDecoder(out);
        }
        TextGenerationPipeline p = TextGenerationPipeline.load(model, weights.dtype);
        if (slidingWindow) {
            p = p.withSlidingWindow();
        }
        GenerationConfig config = config(p.defaults());
        boolean stream = !json && config.numBeams() == 1 && config.numReturnSequences() == 1
                && prompts.size() == 1 && ids.isEmpty();
        List<TextGenerationPipeline.Result> results;
        if (!ids.isEmpty()) {
            results = p.generateIds(IdLists.parseAll("--ids", ids), config, null);
        } else if (stream) {
            out.print(prompts.get(0));
            out.flush();
            results = p.generate(prompts, config, (row, text, end) -> {
                out.print(text);
                out.flush();
            });
            out.println();
        } else {
            results = p.generate(prompts, config, null);
        }
        if (json) {
            printJson(out, results);
        } else if (!stream) {
            printText(out, results);
        }
        return 0;
    }

    /**
     * An encoder-decoder model: every --ids (or --prompt, tokenized) is a source, right-padded into one batch; the
     * results hold the decoder ids (decoder_start_token_id first) and the new ids without it.
     */
    private int encoderDecoder(PrintWriter out) {
        TranslationPipeline p = TranslationPipeline.load(model, weights.dtype);
        GenerationConfig config = config(p.defaults());
        List<TextGenerationPipeline.Result> results = ids.isEmpty() ? p.generate(prompts, config)
                : p.generateIds(IdLists.parseAll("--ids", ids), config);
        if (json) {
            printJson(out, results);
        } else {
            printText(out, results);
        }
        return 0;
    }

    /** Whether config.json describes an encoder-decoder model ({@code is_encoder_decoder}; Marian's default). */
    private static boolean isEncoderDecoder(Path dir) {
        ConfigJson c = ConfigJson.read(dir.resolve("config.json"));
        return c.getBoolean("is_encoder_decoder", "marian".equals(c.getString("model_type", "")));
    }

    private GenerationConfig config(GenerationConfig defaults) {
        GenerationConfigBuilder b = defaults.toBuilder();
        boolean sampling = doSample || temperature != null || topK != null || topP != null || minP != null
                || typicalP != null;
        if (sampling) {
            b.doSample(true);
        }
        if (greedy) {
            b.doSample(false);
        }
        b.maxNewTokens(maxNewTokens != null ? maxNewTokens : defaults.maxNewTokens() != null ? defaults.maxNewTokens() : 50);
        if (minNewTokens != null) b.minNewTokens(minNewTokens);
        if (temperature != null) b.temperature(temperature);
        if (topK != null) b.topK(topK);
        if (topP != null) b.topP(topP);
        if (minP != null) b.minP(minP);
        if (typicalP != null) b.typicalP(typicalP);
        if (repetitionPenalty != null) b.repetitionPenalty(repetitionPenalty);
        if (noRepeatNgramSize != null) b.noRepeatNgramSize(noRepeatNgramSize);
        if (numBeams != null) b.numBeams(numBeams);
        if (numReturnSequences != null) b.numReturnSequences(numReturnSequences);
        if (lengthPenalty != null) b.lengthPenalty(lengthPenalty);
        if (seed != null) b.seed(seed);
        if (!stop.isEmpty()) b.stopStrings(stop);
        return b.build();
    }

    private static void printText(PrintWriter out, List<TextGenerationPipeline.Result> results) {
        for (int i = 0; i < results.size(); i++) {
            var r = results.get(i);
            out.println("[" + (i + 1) + "] " + (r.text() != null ? r.text() : java.util.Arrays.toString(r.newIds())));
        }
    }

    private static void printJson(PrintWriter out, List<TextGenerationPipeline.Result> results) {
        try (Json j = new Json(out)) {
            var g = j.gen();
            g.writeArrayFieldStart("results");
            for (var r : results) {
                g.writeStartObject();
                g.writeFieldName("ids");
                g.writeArray(r.ids(), 0, r.ids().length);
                g.writeFieldName("new_ids");
                g.writeArray(r.newIds(), 0, r.newIds().length);
                if (r.text() != null) {
                    g.writeStringField("text", r.text());
                } else {
                    g.writeNullField("text");
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
