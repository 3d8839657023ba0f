package dev.transformers4j.models.bert;

import dev.transformers4j.models.Activation;
import java.util.List;
import java.util.Map;

/**
 * Changes some fields of a {@link BertConfig}: start from a preset, {@code BertConfig.base().toBuilder()
 * .numHiddenLayers(2).build()}. One setter per {@code config.json} field, named as the record component;
 * {@link #build} validates.
 */
public final class BertConfigBuilder {

    private int vocabSize;
    private int hiddenSize;
    private int numHiddenLayers;
    private int numAttentionHeads;
    private int intermediateSize;
    private Activation hiddenAct;
    private double hiddenDropoutProb;
    private double attentionProbsDropoutProb;
    private int maxPositionEmbeddings;
    private int typeVocabSize;
    private double initializerRange;
    private double layerNormEps;
    private int padTokenId;
    private List<String> architectures;
    private Map<Integer, String> id2label;

    BertConfigBuilder(BertConfig c) {
        vocabSize = c.vocabSize();
        hiddenSize = c.hiddenSize();
        numHiddenLayers = c.numHiddenLayers();
        numAttentionHeads = c.numAttentionHeads();
        intermediateSize = c.intermediateSize();
        hiddenAct = c.hiddenAct();
        hiddenDropoutProb = c.hiddenDropoutProb();
        attentionProbsDropoutProb = c.attentionProbsDropoutProb();
        maxPositionEmbeddings = c.maxPositionEmbeddings();
        typeVocabSize = c.typeVocabSize();
        initializerRange = c.initializerRange();
        layerNormEps = c.layerNormEps();
        padTokenId = c.padTokenId();
        architectures = c.architectures();
        id2label = c.id2label();
    }

    /** The config, validated by {@link BertConfig}'s constructor. */
    public BertConfig build() {
        return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, hiddenAct,
                hiddenDropoutProb, attentionProbsDropoutProb, maxPositionEmbeddings, typeVocabSize, initializerRange,
                layerNormEps, padTokenId, architectures, id2label);
    }

    // @formatter:off
    public BertConfigBuilder vocabSize(int v) { vocabSize = v; return this; }
    public BertConfigBuilder hiddenSize(int v) { hiddenSize = v; return this; }
    public BertConfigBuilder numHiddenLayers(int v) { numHiddenLayers = v; return this; }
    public BertConfigBuilder numAttentionHeads(int v) { numAttentionHeads = v; return this; }
    public BertConfigBuilder intermediateSize(int v) { intermediateSize = v; return this; }
    public BertConfigBuilder hiddenAct(Activation v) { hiddenAct = v; return this; }
    public BertConfigBuilder hiddenDropoutProb(double v) { hiddenDropoutProb = v; return this; }
    public BertConfigBuilder attentionProbsDropoutProb(double v) { attentionProbsDropoutProb = v; return this; }
    public BertConfigBuilder maxPositionEmbeddings(int v) { maxPositionEmbeddings = v; return this; }
    public BertConfigBuilder typeVocabSize(int v) { typeVocabSize = v; return this; }
    public BertConfigBuilder initializerRange(double v) { initializerRange = v; return this; }
    public BertConfigBuilder layerNormEps(double v) { layerNormEps = v; return this; }
    public BertConfigBuilder padTokenId(int v) { padTokenId = v; return this; }
    public BertConfigBuilder architectures(List<String> v) { architectures = v; return this; }
    public BertConfigBuilder id2label(Map<Integer, String> v) { id2label = v; return this; }
    // @formatter:on
}
