package dev.transformers4j.cli.train;

import dev.transformers4j.models.Activation;
import dev.transformers4j.models.gpt2.GPT2Config;

/**
 * The config of the GPT-2-architecture model that {@code train causal-lm} builds from its flags (errors name the
 * flag); {@link dev.transformers4j.models.gpt2.GPT2LMHeadModel#initialized} gives it HF's initial weights.
 */
public final class NewGpt2 {

    static final double INITIALIZER_RANGE = 0.02;

    private NewGpt2() {
    }

    /**
     * @param bosEosId the id of the end-of-text token (GPT-2's {@code <|endoftext|>}, the character tokenizer's
     *                 {@code <unk>}) for {@code bos_token_id} and {@code eos_token_id}
     */
    static GPT2Config config(int vocabSize, int context, int hidden, int layers, int heads, String activation,
                             double dropout, int bosEosId) {
        Activation act;
        try {
            act = Activation.parse(activation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--activation: " + e.getMessage(), e);
        }
        TrainSession.require(layers >= 1 && layers <= 256, "--layers", layers, "a value in [1, 256]");
        TrainSession.require(hidden >= 1 && hidden <= 16_384, "--hidden", hidden, "a value in [1, 16384]");
        TrainSession.require(heads >= 1 && hidden % heads == 0, "--heads", heads, "a divisor of --hidden " + hidden);
        TrainSession.require(context >= 2 && context <= 65_536, "--context", context, "a value in [2, 65536]");
        TrainSession.require(dropout >= 0 && dropout < 1, "--dropout", dropout, "a value in [0, 1)");
        return GPT2Config.small().toBuilder().vocabSize(vocabSize).nPositions(context).nEmbd(hidden).nLayer(layers)
                .nHead(heads).nInner(4 * hidden).activation(act).residPdrop(dropout).embdPdrop(dropout).attnPdrop(dropout)
                .initializerRange(INITIALIZER_RANGE).bosTokenId(bosEosId).eosTokenId(bosEosId).build();
    }
}
