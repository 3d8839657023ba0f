package dev.transformers4j.models.bert;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Dropout;
import dev.transformers4j.core.nn.Embedding;
import dev.transformers4j.core.nn.ForwardCall;
import dev.transformers4j.core.nn.LayerNorm;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.models.TokenBatch;

/**
 * Token + learned position + segment embeddings, then LayerNorm and dropout (BERT §3.2). The paper's
 * Transformer adds fixed sinusoidal positions instead (§3.5) and has no segment embeddings. The
 * {@code [PAD]} row of the word embeddings is never trained ({@code padding_idx}).
 */
public final class BertEmbeddings extends Module {

    final Embedding wordEmbeddings;
    final Embedding positionEmbeddings;
    final Embedding tokenTypeEmbeddings;
    final LayerNorm layerNorm;
    final Dropout dropout;

    public BertEmbeddings(BertConfig config) {
        int c = config.hiddenSize();
        wordEmbeddings = child("word_embeddings", new Embedding(config.vocabSize(), c, config.padTokenId()));
        positionEmbeddings = child("position_embeddings", new Embedding(config.maxPositionEmbeddings(), c));
        tokenTypeEmbeddings = child("token_type_embeddings", new Embedding(config.typeVocabSize(), c));
        layerNorm = child("LayerNorm", new LayerNorm(c, config.layerNormEps()));
        dropout = child("dropout", new Dropout(config.hiddenDropoutProb()));
    }

    /** {@code [B, T]} ids → {@code [B, T, C]}. Positions are 0..T−1 (right padding). */
    public Tensor forward(TokenBatch in) {
        ForwardCall call = enter(in);
        int b = in.batch();
        int t = in.length();
        int[] positions = new int[t];
        for (int i = 0; i < t; i++) {
            positions[i] = i;
        }
        Tensor words = wordEmbeddings.forward(in.ids(), b, t);                // [B, T, C]
        Tensor types = tokenTypeEmbeddings.forward(in.typeIds(), b, t);       // [B, T, C]
        Tensor pos = positionEmbeddings.forward(positions, 1, t);             // [1, T, C]
        return call.exit(dropout.forward(layerNorm.forward(words.add(types).add(pos))));
    }

    public Embedding wordEmbeddings() {
        return wordEmbeddings;
    }
}
