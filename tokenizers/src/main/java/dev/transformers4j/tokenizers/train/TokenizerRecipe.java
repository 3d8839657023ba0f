package dev.transformers4j.tokenizers.train;

import dev.transformers4j.tokenizers.decoders.ByteLevelDecoder;
import dev.transformers4j.tokenizers.decoders.Decoder;
import dev.transformers4j.tokenizers.decoders.WordPieceDecoder;
import dev.transformers4j.tokenizers.pretokenizers.ByteLevel;
import dev.transformers4j.tokenizers.pretokenizers.PreTokenizer;
import dev.transformers4j.tokenizers.pretokenizers.Whitespace;
import dev.transformers4j.tokenizers.text.BytesToUnicode;
import java.util.HashSet;
import java.util.Set;

/**
 * The named pipelines a BPE tokenizer can be trained with: how the text is cut into words before BPE,
 * what the model starts from, and how tokens are decoded back to text.
 */
public enum TokenizerRecipe {
    /**
     * GPT-2's and RoBERTa's byte-level BPE (GPT-2 §2.2): words cut with GPT-2's regex and written as UTF-8 bytes,
     * the initial alphabet the 256 byte characters, so no text is ever unknown. No prefix space
     * ({@code add_prefix_space=false}, as GPT-2 and RoBERTa): decoding gives back exactly the text encoded,
     * where a prefix space would come back as an extra leading space; the price is that a sentence's first
     * word is learned apart from its mid-sentence form ({@code A} and {@code ĠA}).
     */
    BYTE_LEVEL("byte-level", new ByteLevel(false, true), ByteLevelDecoder.INSTANCE, null),
    /**
     * Words and punctuation runs split at whitespace (HF's {@code Whitespace}: {@code \w+|[^\w\s]+}), subwords
     * after a word's first marked with {@code ##}, decoded as WordPiece is (spaces between words, none before
     * {@code ##} pieces or punctuation). Characters absent from the corpus become {@code <unk>} when it is
     * one of the special tokens. Decoding does not restore the original whitespace.
     */
    WHITESPACE("whitespace", Whitespace.INSTANCE, new WordPieceDecoder("##", true), "##");

    private final String displayName;
    private final PreTokenizer preTokenizer;
    private final Decoder decoder;
    private final String continuingSubwordPrefix;

    TokenizerRecipe(String displayName, PreTokenizer preTokenizer, Decoder decoder, String continuingSubwordPrefix) {
        this.displayName = displayName;
        this.preTokenizer = preTokenizer;
        this.decoder = decoder;
        this.continuingSubwordPrefix = continuingSubwordPrefix;
    }

    /** {@code byte-level}, {@code whitespace}: the name the command line uses. */
    public String displayName() {
        return displayName;
    }

    public PreTokenizer preTokenizer() {
        return preTokenizer;
    }

    public Decoder decoder() {
        return decoder;
    }

    /** {@code ##} or {@code null}. */
    public String continuingSubwordPrefix() {
        return continuingSubwordPrefix;
    }

    /** The characters always in the alphabet: the 256 byte characters for byte-level, none otherwise. */
    public Set<Integer> initialAlphabet() {
        Set<Integer> alphabet = new HashSet<>();
        if (this == BYTE_LEVEL) {
            for (int b = 0; b < 256; b++) {
                alphabet.add((int) BytesToUnicode.charOf(b));
            }
        }
        return alphabet;
    }

    /** The model's unknown token: {@code <unk>} for whitespace when it is a special token; never for byte-level. */
    String unknownToken(java.util.List<String> specialTokens) {
        return this == WHITESPACE && specialTokens.contains("<unk>") ? "<unk>" : null;
    }
}
