package dev.transformers4j.tokenizers.marian;

/**
 * The settings of a Marian tokenizer that {@code tokenizer_config.json} may change, with HF's defaults.
 *
 * @param unkToken                  HF {@code unk_token}, default {@code <unk>}
 * @param eosToken                  HF {@code eos_token}, default {@code </s>}, appended to every encoded text
 * @param padToken                  HF {@code pad_token}, default {@code <pad>}
 * @param separateVocabs            HF {@code separate_vocabs}: the target side has its own {@code target_vocab.json}
 * @param cleanUpTokenizationSpaces HF {@code clean_up_tokenization_spaces} (default false since transformers 4.45):
 *                                  decoding removes the space before {@code . , ! ?} and in English contractions
 */
public record MarianTokenizerConfig(String unkToken, String eosToken, String padToken, boolean separateVocabs,
        boolean cleanUpTokenizationSpaces) {
    public MarianTokenizerConfig {
        if (unkToken == null || unkToken.isEmpty() || eosToken == null || eosToken.isEmpty() || padToken == null
                || padToken.isEmpty()) {
            throw new IllegalArgumentException("MarianTokenizerConfig: unk, eos and pad tokens must be non-empty "
                    + "but were " + unkToken + ", " + eosToken + ", " + padToken);
        }
    }

    /** HF {@code MarianTokenizer}'s defaults. */
    public static MarianTokenizerConfig defaults() {
        return new MarianTokenizerConfig("<unk>", "</s>", "<pad>", false, false);
    }

    /** The special tokens in HF's order ({@code all_special_tokens}: eos, unk, pad). */
    java.util.List<String> specialTokens() {
        return java.util.List.of(eosToken, unkToken, padToken);
    }
}
