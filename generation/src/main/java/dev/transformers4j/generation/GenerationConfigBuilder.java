package dev.transformers4j.generation;

import java.util.Arrays;
import java.util.List;

/** Builds a {@link GenerationConfig}; starts from HF's defaults. Setter names are the HF names in camel case. */
public final class GenerationConfigBuilder {

    private Integer maxNewTokens;
    private int maxLength = 20;
    private int minNewTokens;
    private boolean doSample;
    private double temperature = 1.0;
    private int topK = 50;
    private double topP = 1.0;
    private Double minP;
    private double typicalP = 1.0;
    private double repetitionPenalty = 1.0;
    private int noRepeatNgramSize;
    private List<List<Integer>> badWordsIds = List.of();
    private List<Integer> eosTokenIds = List.of();
    private Integer padTokenId;
    private Integer bosTokenId;
    private Integer decoderStartTokenId;
    private Integer forcedEosTokenId;
    private int numBeams = 1;
    private double lengthPenalty = 1.0;
    private EarlyStopping earlyStopping = EarlyStopping.HEURISTIC;
    private int numReturnSequences = 1;
    private Long seed;
    private List<String> stopStrings = List.of();
    private boolean outputScores;

    GenerationConfigBuilder() {
    }

    GenerationConfigBuilder(GenerationConfig c) {
        maxNewTokens = c.maxNewTokens();
        maxLength = c.maxLength();
        minNewTokens = c.minNewTokens();
        doSample = c.doSample();
        temperature = c.temperature();
        topK = c.topK();
        topP = c.topP();
        minP = c.minP();
        typicalP = c.typicalP();
        repetitionPenalty = c.repetitionPenalty();
        noRepeatNgramSize = c.noRepeatNgramSize();
        badWordsIds = c.badWordsIds();
        eosTokenIds = c.eosTokenIds();
        padTokenId = c.padTokenId();
        bosTokenId = c.bosTokenId();
        decoderStartTokenId = c.decoderStartTokenId();
        forcedEosTokenId = c.forcedEosTokenId();
        numBeams = c.numBeams();
        lengthPenalty = c.lengthPenalty();
        earlyStopping = c.earlyStopping();
        numReturnSequences = c.numReturnSequences();
        seed = c.seed();
        stopStrings = c.stopStrings();
        outputScores = c.outputScores();
    }

    public GenerationConfig build() {
        return new GenerationConfig(maxNewTokens, maxLength, minNewTokens, doSample, temperature, topK, topP, minP,
                typicalP, repetitionPenalty, noRepeatNgramSize, badWordsIds, eosTokenIds, padTokenId, bosTokenId,
                decoderStartTokenId, forcedEosTokenId, numBeams, lengthPenalty, earlyStopping, numReturnSequences, seed, stopStrings,
                outputScores);
    }

    // @formatter:off
    public GenerationConfigBuilder maxNewTokens(Integer v) { maxNewTokens = v; return this; }
    public GenerationConfigBuilder maxLength(int v) { maxLength = v; return this; }
    public GenerationConfigBuilder minNewTokens(int v) { minNewTokens = v; return this; }
    public GenerationConfigBuilder doSample(boolean v) { doSample = v; return this; }
    public GenerationConfigBuilder temperature(double v) { temperature = v; return this; }
    public GenerationConfigBuilder topK(int v) { topK = v; return this; }
    public GenerationConfigBuilder topP(double v) { topP = v; return this; }
    public GenerationConfigBuilder minP(Double v) { minP = v; return this; }
    public GenerationConfigBuilder typicalP(double v) { typicalP = v; return this; }
    public GenerationConfigBuilder repetitionPenalty(double v) { repetitionPenalty = v; return this; }
    public GenerationConfigBuilder noRepeatNgramSize(int v) { noRepeatNgramSize = v; return this; }
    public GenerationConfigBuilder badWordsIds(List<List<Integer>> v) { badWordsIds = v; return this; }
    public GenerationConfigBuilder eosTokenIds(List<Integer> v) { eosTokenIds = v; return this; }
    public GenerationConfigBuilder eosTokenId(int... v) { eosTokenIds = Arrays.stream(v).boxed().toList(); return this; }
    public GenerationConfigBuilder padTokenId(Integer v) { padTokenId = v; return this; }
    public GenerationConfigBuilder bosTokenId(Integer v) { bosTokenId = v; return this; }
    public GenerationConfigBuilder decoderStartTokenId(Integer v) { decoderStartTokenId = v; return this; }
    public GenerationConfigBuilder forcedEosTokenId(Integer v) { forcedEosTokenId = v; return this; }
    public GenerationConfigBuilder numBeams(int v) { numBeams = v; return this; }
    public GenerationConfigBuilder lengthPenalty(double v) { lengthPenalty = v; return this; }
    public GenerationConfigBuilder earlyStopping(EarlyStopping v) { earlyStopping = v; return this; }
    public GenerationConfigBuilder numReturnSequences(int v) { numReturnSequences = v; return this; }
    public GenerationConfigBuilder seed(Long v) { seed = v; return this; }
    public GenerationConfigBuilder stopStrings(List<String> v) { stopStrings = v; return this; }
    public GenerationConfigBuilder outputScores(boolean v) { outputScores = v; return this; }
    // @formatter:on
}
