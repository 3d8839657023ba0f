package dev.transformers4j.server;

/** What the explorer can show of a model: decoders also predict the next token and generate. */
public enum ModelKind {
    /** BERT family: bidirectional attention. */
    ENCODER("encoder"),
    /** GPT-2 family: causal attention, next-token distribution, generation. */
    DECODER("decoder"),
    /** Marian: the encoder's self-attention is shown. */
    ENCODER_DECODER("encoder-decoder");

    private final String jsonName;

    ModelKind(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in {@code /api/models}. */
    public String jsonName() {
        return jsonName;
    }

    /** From config.json's {@code model_type}. */
    static ModelKind ofModelType(String modelType) {
        return switch (modelType) {
            case "gpt2" -> DECODER;
            case "marian" -> ENCODER_DECODER;
            default -> ENCODER;
        };
    }
}
