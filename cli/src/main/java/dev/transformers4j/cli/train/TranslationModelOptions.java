package dev.transformers4j.cli.train;

import static dev.transformers4j.cli.train.TrainSession.require;

import dev.transformers4j.models.marian.MarianConfig;
import picocli.CommandLine.Option;

/**
 * The model flags of {@code train translation} (a picocli mixin): a preset, {@code small} (3 layers, 256 wide, 4
 * heads, d_ff 1024: fits a 2-core CPU) or {@code base} (the paper's base model, Table 3), and flags that change
 * single hyper-parameters of it. {@code --layers} sets both the encoder and the decoder depth, N in the paper.
 */
public final class TranslationModelOptions {

    @Option(names = "--preset", defaultValue = "small", paramLabel = "small|base",
            description = "small (3 layers, 256 wide, 4 heads, ffn 1024) or base (the paper's: 6, 512, 8, 2048) (default: ${DEFAULT-VALUE}).")
    String preset;
    @Option(names = "--layers", paramLabel = "N", description = "Encoder and decoder layers N (default: the preset's).")
    Integer layers;
    @Option(names = "--hidden", paramLabel = "D", description = "Model width d_model (default: the preset's).")
    Integer hidden;
    @Option(names = "--heads", paramLabel = "H", description = "Attention heads h (default: the preset's).")
    Integer heads;
    @Option(names = "--ffn", paramLabel = "F", description = "Feed-forward width d_ff (default: the preset's).")
    Integer ffn;
    @Option(names = "--dropout", paramLabel = "P", description = "P_drop on embeddings and sub-layer outputs (default: the preset's, 0.1).")
    Double dropout;
    @Option(names = "--max-positions", paramLabel = "N", description = "Longest sentence in tokens, </s> included; longer ones are cut (default: the preset's, 512).")
    Integer maxPositions;

    /**
     * The config for a vocabulary of {@code vocabSize} ids with these special ids ({@code <pad>} also starts the
     * decoder; {@code </s>} is forced at the last generation step, as opus-mt).
     *
     * @throws IllegalArgumentException naming the flag out of range
     */
    MarianConfig config(int vocabSize, int padId, int eosId) {
        MarianConfig p = switch (preset) {
            case "small" -> MarianConfig.small(vocabSize);
            case "base" -> MarianConfig.base(vocabSize);
            default -> throw new IllegalArgumentException("--preset: expected small or base but was " + preset);
        };
        int d = or(hidden, p.dModel());
        int h = or(heads, p.encoderAttentionHeads());
        require(d >= 2 && d <= 16_384 && d % 2 == 0, "--hidden", d, "an even value in [2, 16384]");
        require(h >= 1 && d % h == 0, "--heads", h, "a divisor of --hidden " + d);
        int n = or(layers, p.encoderLayers());
        require(n >= 1 && n <= 64, "--layers", n, "a value in [1, 64]");
        int f = or(ffn, p.encoderFfnDim());
        require(f >= 1 && f <= 65_536, "--ffn", f, "a value in [1, 65536]");
        double drop = dropout != null ? dropout : p.dropout();
        require(drop >= 0 && drop < 1, "--dropout", drop, "a value in [0, 1)");
        int positions = or(maxPositions, p.maxPositionEmbeddings());
        require(positions >= 2 && positions <= 65_536, "--max-positions", positions, "a value in [2, 65536]");
        return p.toBuilder().dModel(d).encoderLayers(n).decoderLayers(n).encoderAttentionHeads(h).decoderAttentionHeads(h)
                .encoderFfnDim(f).decoderFfnDim(f).maxPositionEmbeddings(positions).dropout(drop).padTokenId(padId)
                .eosTokenId(eosId).decoderStartTokenId(padId).forcedEosTokenId(eosId).build();
    }

    private static int or(Integer flag, int preset) {
        return flag != null ? flag : preset;
    }
}
