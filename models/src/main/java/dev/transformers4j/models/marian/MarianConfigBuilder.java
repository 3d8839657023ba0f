package dev.transformers4j.models.marian;

import dev.transformers4j.models.Activation;

/**
 * Changes some fields of a {@link MarianConfig}: start from a preset, {@code MarianConfig.base(vocab).toBuilder()
 * .encoderLayers(2).build()}. One setter per {@code config.json} field, named as the record component;
 * {@link #build} validates. Changing {@code vocabSize} leaves the token ids as they are.
 */
public final class MarianConfigBuilder {

    private int vocabSize;
    private int dModel;
    private int encoderLayers;
    private int decoderLayers;
    private int encoderAttentionHeads;
    private int decoderAttentionHeads;
    private int encoderFfnDim;
    private int decoderFfnDim;
    private int maxPositionEmbeddings;
    private Activation activation;
    private double dropout;
    private double attentionDropout;
    private double activationDropout;
    private boolean scaleEmbedding;
    private double initStd;
    private int padTokenId;
    private int eosTokenId;
    private int decoderStartTokenId;
    private int forcedEosTokenId;

    MarianConfigBuilder(MarianConfig c) {
        vocabSize = c.vocabSize();
        dModel = c.dModel();
        encoderLayers = c.encoderLayers();
        decoderLayers = c.decoderLayers();
        encoderAttentionHeads = c.encoderAttentionHeads();
        decoderAttentionHeads = c.decoderAttentionHeads();
        encoderFfnDim = c.encoderFfnDim();
        decoderFfnDim = c.decoderFfnDim();
        maxPositionEmbeddings = c.maxPositionEmbeddings();
        activation = c.activation();
        dropout = c.dropout();
        attentionDropout = c.attentionDropout();
        activationDropout = c.activationDropout();
        scaleEmbedding = c.scaleEmbedding();
        initStd = c.initStd();
        padTokenId = c.padTokenId();
        eosTokenId = c.eosTokenId();
        decoderStartTokenId = c.decoderStartTokenId();
        forcedEosTokenId = c.forcedEosTokenId();
    }

    /** The config, validated by {@link MarianConfig}'s constructor. */
    public MarianConfig build() {
        return new MarianConfig(vocabSize, dModel, encoderLayers, decoderLayers, encoderAttentionHeads,
                decoderAttentionHeads, encoderFfnDim, decoderFfnDim, maxPositionEmbeddings, activation, dropout,
                attentionDropout, activationDropout, scaleEmbedding, initStd, padTokenId, eosTokenId,
                decoderStartTokenId, forcedEosTokenId);
    }

    // @formatter:off
    public MarianConfigBuilder vocabSize(int v) { vocabSize = v; return this; }
    public MarianConfigBuilder dModel(int v) { dModel = v; return this; }
    public MarianConfigBuilder encoderLayers(int v) { encoderLayers = v; return this; }
    public MarianConfigBuilder decoderLayers(int v) { decoderLayers = v; return this; }
    public MarianConfigBuilder encoderAttentionHeads(int v) { encoderAttentionHeads = v; return this; }
    public MarianConfigBuilder decoderAttentionHeads(int v) { decoderAttentionHeads = v; return this; }
    public MarianConfigBuilder encoderFfnDim(int v) { encoderFfnDim = v; return this; }
    public MarianConfigBuilder decoderFfnDim(int v) { decoderFfnDim = v; return this; }
    public MarianConfigBuilder maxPositionEmbeddings(int v) { maxPositionEmbeddings = v; return this; }
    public MarianConfigBuilder activation(Activation v) { activation = v; return this; }
    public MarianConfigBuilder dropout(double v) { dropout = v; return this; }
    public MarianConfigBuilder attentionDropout(double v) { attentionDropout = v; return this; }
    public MarianConfigBuilder activationDropout(double v) { activationDropout = v; return this; }
    public MarianConfigBuilder scaleEmbedding(boolean v) { scaleEmbedding = v; return this; }
    public MarianConfigBuilder initStd(double v) { initStd = v; return this; }
    public MarianConfigBuilder padTokenId(int v) { padTokenId = v; return this; }
    public MarianConfigBuilder eosTokenId(int v) { eosTokenId = v; return this; }
    public MarianConfigBuilder decoderStartTokenId(int v) { decoderStartTokenId = v; return this; }
    public MarianConfigBuilder forcedEosTokenId(int v) { forcedEosTokenId = v; return this; }
    // @formatter:on
}
