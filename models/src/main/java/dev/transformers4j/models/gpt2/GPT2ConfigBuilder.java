package dev.transformers4j.models.gpt2;

import dev.transformers4j.models.Activation;

/**
 * Changes some fields of a {@link GPT2Config}: start from a preset, {@code GPT2Config.small().toBuilder().nLayer(2)
 * .build()}. One setter per {@code config.json} field, named as the record component; {@link #build} validates.
 */
public final class GPT2ConfigBuilder {

    private int vocabSize;
    private int nPositions;
    private int nEmbd;
    private int nLayer;
    private int nHead;
    private int nInner;
    private Activation activation;
    private double residPdrop;
    private double embdPdrop;
    private double attnPdrop;
    private double layerNormEpsilon;
    private double initializerRange;
    private boolean scaleAttnWeights;
    private boolean scaleAttnByInverseLayerIdx;
    private int bosTokenId;
    private int eosTokenId;

    GPT2ConfigBuilder(GPT2Config c) {
        vocabSize = c.vocabSize();
        nPositions = c.nPositions();
        nEmbd = c.nEmbd();
        nLayer = c.nLayer();
        nHead = c.nHead();
        nInner = c.nInner();
        activation = c.activation();
        residPdrop = c.residPdrop();
        embdPdrop = c.embdPdrop();
        attnPdrop = c.attnPdrop();
        layerNormEpsilon = c.layerNormEpsilon();
        initializerRange = c.initializerRange();
        scaleAttnWeights = c.scaleAttnWeights();
        scaleAttnByInverseLayerIdx = c.scaleAttnByInverseLayerIdx();
        bosTokenId = c.bosTokenId();
        eosTokenId = c.eosTokenId();
    }

    /** The config, validated by {@link GPT2Config}'s constructor. */
    public GPT2Config build() {
        return new GPT2Config(vocabSize, nPositions, nEmbd, nLayer, nHead, nInner, activation, residPdrop, embdPdrop,
                attnPdrop, layerNormEpsilon, initializerRange, scaleAttnWeights, scaleAttnByInverseLayerIdx,
                bosTokenId, eosTokenId);
    }

    // @formatter:off
    public GPT2ConfigBuilder vocabSize(int v) { vocabSize = v; return this; }
    public GPT2ConfigBuilder nPositions(int v) { nPositions = v; return this; }
    public GPT2ConfigBuilder nEmbd(int v) { nEmbd = v; return this; }
    public GPT2ConfigBuilder nLayer(int v) { nLayer = v; return this; }
    public GPT2ConfigBuilder nHead(int v) { nHead = v; return this; }
    public GPT2ConfigBuilder nInner(int v) { nInner = v; return this; }
    public GPT2ConfigBuilder activation(Activation v) { activation = v; return this; }
    public GPT2ConfigBuilder residPdrop(double v) { residPdrop = v; return this; }
    public GPT2ConfigBuilder embdPdrop(double v) { embdPdrop = v; return this; }
    public GPT2ConfigBuilder attnPdrop(double v) { attnPdrop = v; return this; }
    public GPT2ConfigBuilder layerNormEpsilon(double v) { layerNormEpsilon = v; return this; }
    public GPT2ConfigBuilder initializerRange(double v) { initializerRange = v; return this; }
    public GPT2ConfigBuilder scaleAttnWeights(boolean v) { scaleAttnWeights = v; return this; }
    public GPT2ConfigBuilder scaleAttnByInverseLayerIdx(boolean v) { scaleAttnByInverseLayerIdx = v; return this; }
    public GPT2ConfigBuilder bosTokenId(int v) { bosTokenId = v; return this; }
    public GPT2ConfigBuilder eosTokenId(int v) { eosTokenId = v; return this; }
    // @formatter:on
}
