package dev.transformers4j.server;

import dev.transformers4j.learn.AttentionMaps;
import dev.transformers4j.learn.HiddenStateStats;
import dev.transformers4j.learn.NextToken;
import dev.transformers4j.learn.Prediction;
import dev.transformers4j.learn.Token;
import java.util.List;

/**
 * {@code /api/tokenize}, {@code /api/attention}, {@code /api/hidden-states} and {@code /api/next-token}: each reads
 * {@code {"model", "text"}}, tokenizes and answers one JSON object computed by the learn module's analyses.
 */
final class AnalysisEndpoints {

    /** A heatmap of more tokens than this is not readable: the text is cut there, and the answer says so. */
    static final int MAX_HEATMAP_TOKENS = 64;
    static final int MAX_TEXT_CHARS = 20_000;

    record Tokens(String model, List<String> tokens, int[] ids) {
    }

    /**
     * @param causal     whether each token attends only to itself and earlier tokens (a decoder)
     * @param attentions {@code [L][H][T][T]}: row q holds how much token q attends to each token
     */
    record Attention(String model, List<String> tokens, int[] ids, int layers, int heads, boolean causal,
                     float[][][][] attentions, String note) {
    }

    /**
     * Per hidden state (the embeddings, then each layer: L + 1 of them).
     *
     * @param names         the module each is the output of ({@code "encoder.layer.3"})
     * @param meanNorms     the mean over tokens of the L2 norm of the token vectors
     * @param cosineToFinal the mean over tokens of the cosine similarity to the token's final vector
     */
    record HiddenStates(String model, List<String> tokens, int[] ids, List<String> names, double[] meanNorms,
                        double[] cosineToFinal) {
    }

    record NextTokens(String model, List<String> tokens, int[] ids, List<Prediction> top) {
    }

    private final ModelCatalog catalog;

    AnalysisEndpoints(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    Object tokenize(ApiRequest request) {
        ExplorerModel m = catalog.get(request.string("model"));
        List<Token> t = m.tokenize("text", text(request));
        return new Tokens(m.name(), texts(t), ids(t));
    }

    Object attention(ApiRequest request) {
        ExplorerModel m = catalog.get(request.string("model"));
        List<Token> all = m.tokenize("text", text(request));
        List<Token> t = all.size() > MAX_HEATMAP_TOKENS ? all.subList(0, MAX_HEATMAP_TOKENS) : all;
        AttentionMaps maps = m.exclusive(() -> AttentionMaps.of(m.loaded(), t));
        String note = t == all ? null : "the text has " + all.size() + " tokens; the heatmap shows the first "
                + MAX_HEATMAP_TOKENS + " (more would not be readable)";
        return new Attention(m.name(), texts(t), ids(t), maps.layerCount(), maps.headCount(), maps.causal(),
                maps.weights(), note);
    }

    Object hiddenStates(ApiRequest request) {
        ExplorerModel m = catalog.get(request.string("model"));
        List<Token> t = m.tokenizeToFit("text", text(request));
        HiddenStateStats stats = m.exclusive(() -> HiddenStateStats.of(m.loaded(), t));
        List<HiddenStateStats.Layer> layers = stats.layers();
        return new HiddenStates(m.name(), texts(t), ids(t), layers.stream().map(HiddenStateStats.Layer::name).toList(),
                layers.stream().mapToDouble(HiddenStateStats.Layer::meanNorm).toArray(),
                layers.stream().mapToDouble(HiddenStateStats.Layer::cosineToFinal).toArray());
    }

    Object nextToken(ApiRequest request) {
        ExplorerModel m = catalog.get(request.string("model"));
        m.requireDecoder("next-token");
        int k = request.integer("top_k", 10, 1, 1000);
        List<Token> t = m.tokenizeToFit("text", text(request));
        NextToken next = m.exclusive(() -> NextToken.of(m.loaded(), t, k));
        return new NextTokens(m.name(), texts(t), ids(t), next.top());
    }

    static String text(ApiRequest request) {
        String text = request.string("text");
        if (text.length() > MAX_TEXT_CHARS) {
            throw ApiException.badField("text", "at most " + MAX_TEXT_CHARS + " characters but was " + text.length());
        }
        return text;
    }

    static List<String> texts(List<Token> tokens) {
        return tokens.stream().map(Token::text).toList();
    }

    static int[] ids(List<Token> tokens) {
        return tokens.stream().mapToInt(Token::id).toArray();
    }
}
