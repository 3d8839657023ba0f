package dev.transformers4j.server;

import com.sun.net.httpserver.HttpExchange;
import dev.transformers4j.generation.GenerationConfig;
import dev.transformers4j.generation.GenerationConfigBuilder;
import dev.transformers4j.models.CausalLM;
import dev.transformers4j.pipelines.TextGenerationPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/generate {"model", "prompt", "max_new_tokens", "temperature", "top_k", "top_p", "num_beams",
 * "seed"}}: a {@code text/event-stream} of one {@code token} event per generated token, then {@code done}
 * {@code {"text", "new_ids"}}; a failure after the stream started is an {@code error} event {@code {"error"}}.
 * Sampling is on when temperature (above 0), top_k or top_p is given with one beam; temperature 0 is greedy. With
 * beams the tokens of the best sequence are sent once the search is over.
 */
final class GenerateEndpoint implements ApiRoutes.StreamEndpoint {

    /** The final event. */
    record Done(String text, int[] newIds) {
    }

    static final int MAX_NEW_TOKENS = 512;

    private final ModelCatalog catalog;

    GenerateEndpoint(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void answer(ApiRequest request, HttpExchange exchange) throws IOException {
        ExplorerModel m = catalog.get(request.string("model"));
        CausalLM lm = m.requireDecoder("generate");
        String prompt = request.string("prompt");
        if (prompt.length() > AnalysisEndpoints.MAX_TEXT_CHARS) {
            throw ApiException.badField("prompt", "at most " + AnalysisEndpoints.MAX_TEXT_CHARS + " characters");
        }
        int[] ids = AnalysisEndpoints.ids(m.tokenizeToFit("prompt", prompt));
        GenerationConfig config = config(request, m.generationDefaults(), lm.vocabSize());
        if (ids.length + config.maxNewTokens() > lm.maxPositions()) {
            throw ApiException.badField("max_new_tokens", "the prompt's " + ids.length + " tokens + "
                    + config.maxNewTokens() + " new ones exceed the model's " + lm.maxPositions() + " positions");
        }
        var pipeline = new TextGenerationPipeline(lm, m.loaded().tokenizer(), config);
        EventStream events = EventStream.open(exchange);
        m.exclusive(() -> {
            stream(pipeline, ids, config, new TokenEvents(m.loaded().tokenizer(), events), events);
            return null;
        });
    }

    private static void stream(TextGenerationPipeline pipeline, int[] ids, GenerationConfig config,
                               TokenEvents tokens, EventStream events) {
        try {
            boolean beams = config.numBeams() > 1;
            var result = pipeline.generateIds(List.of(ids), config, beams ? null : tokens).get(0);
            if (beams) {
                for (int id : result.newIds()) {
                    tokens.put(0, id);
                }
            }
            events.send("done", new Done(tokens.text(), result.newIds()));
        } catch (UncheckedIOException e) {
            throw e;                                                      // the client went away: nothing to tell
        } catch (RuntimeException e) {
            events.send("error", Map.of("error", e.getMessage() != null ? e.getMessage() : e.toString()));
        }
    }

    /** The folder's generation_config.json, overridden by the request's fields. */
    static GenerationConfig config(ApiRequest request, GenerationConfig defaults, int vocabSize) {
        GenerationConfigBuilder b = defaults.toBuilder();
        b.maxNewTokens(request.integer("max_new_tokens", 20, 1, MAX_NEW_TOKENS));
        int beams = request.integer("num_beams", 1, 1, 16);
        Double temperature = request.number("temperature", null, 0, 100);
        Integer topK = request.integer("top_k", null, 0, vocabSize);
        Double topP = request.number("top_p", null, 0, 1);
        b.numBeams(beams).numReturnSequences(1);
        boolean sample = beams == 1 && (temperature != null ? temperature > 0 : topK != null || topP != null);
        b.doSample(sample);
        if (temperature != null && temperature > 0) {
            b.temperature(temperature);
        }
        if (topK != null) {
            b.topK(topK);
        }
        if (topP != null) {
            b.topP(topP);
        }
        b.seed(request.longValue("seed"));
        return b.build();
    }
}
