package dev.transformers4j.server;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/tokenize}, {@code /api/attention}, {@code /api/hidden-states} and {@code /api/next-token}: each reads
 * {@code {"model", "text"}}, tokenizes and answers one JSON object.
 */
final class AnalysisEndpoints {

    /** A heatmap of more tokens than this is not readable: the text is cut there, and the answer says so. */
    static final int MAX_HEATMAP_TOKENS = 64;
    static final int MAX_TEXT_CHARS = 20_000;

    record Tokens(String model, List<String> tokens, int[] ids) {
    }

    /** @param attentions {@code [L][H][T][T]}: row q holds how much token q attends to each token */
    record Attention(String model, List<String> tokens, int[] ids, int layers, int heads,
                     float[][][][] attentions, String note) {
    }

    /**
     * @param norms         {@code [L+1][T]}: the L2 norm of each token's vector after the embeddings and each layer
     * @param meanNorms     {@code [L+1]}: their mean over the tokens
     * @param cosineToFinal {@code [L+1]}: the mean cosine similarity of each token's vector to its final one
     */
    record HiddenStates(String model, List<String> tokens, int[] ids, float[][] norms, float[] meanNorms,
                        float[] cosineToFinal) {
    }

    /** One candidate next token: its id, vocabulary string, decoded text, probability and logit. */
    record Candidate(int id, String token, String text, double probability, double logit) {
    }

    record NextToken(String model, List<String> tokens, int[] ids, List<Candidate> top) {
    }

    private final ModelCatalog catalog;

    AnalysisEndpoints(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    Object tokenize(ApiRequest request) {
        ExplorerModel m = catalog.get(request.string("model"));
        TokenizedText t = m.encode(text(request));
        return new Tokens(m.name(), t.tokens(), t.ids());
    }

    Object attention(ApiRequest request) {
        ExplorerModel m = catalog.get(request.string("model"));
        TokenizedText all = m.encode(text(request));
        TokenizedText t = all.first(MAX_HEATMAP_TOKENS);
        float[][][][] maps = m.exclusive(() -> ModelInspector.attentions(ModelInspector.forward(m.model(), t.ids())));
        String note = t == all ? null : "the text has " + all.length() + " tokens; the heatmap shows the first "
                + MAX_HEATMAP_TOKENS + " (more would not be readable)";
        return new Attention(m.name(), t.tokens(), t.ids(), maps.length, maps.length == 0 ? 0 : maps[0].length, maps, note);
    }

    Object hiddenStates(ApiRequest request) {
        ExplorerModel m = catalog.get(request.string("model"));
        TokenizedText t = m.encode(text(request));
        float[][][] states = m.exclusive(() -> ModelInspector.hiddenStates(ModelInspector.forward(m.model(), t.ids())));
        HiddenStateMath s = HiddenStateMath.of(states);
        return new HiddenStates(m.name(), t.tokens(), t.ids(), s.norms(), s.meanNorms(), s.cosineToFinal());
    }

    Object nextToken(ApiRequest request) {
        ExplorerModel m = catalog.get(request.string("model"));
        m.requireDecoder("next-token");
        int k = request.integer("top_k", 10, 1, 1000);
        TokenizedText t = m.encode(text(request));
        float[] logits = m.exclusive(() -> ModelInspector.lastLogits(ModelInspector.forward(m.model(), t.ids())));
        List<Candidate> top = new ArrayList<>();
        double[] probs = Softmax.of(logits);
        for (int id : Softmax.topK(logits, Math.min(k, logits.length))) {
            top.add(new Candidate(id, m.tokenizer().idToToken(id), m.tokenizer().decode(new int[] {id}, false),
                    probs[id], logits[id]));
        }
        return new NextToken(m.name(), t.tokens(), t.ids(), top);
    }

    static String text(ApiRequest request) {
        String text = request.string("text");
        if (text.length() > MAX_TEXT_CHARS) {
            throw ApiException.badField("text", "at most " + MAX_TEXT_CHARS + " characters but was " + text.length());
        }
        return text;
    }
}
