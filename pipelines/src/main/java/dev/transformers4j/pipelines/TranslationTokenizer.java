package dev.transformers4j.pipelines;

import dev.transformers4j.models.io.ModelFolder;
import dev.transformers4j.models.io.TokenizerFormat;
import dev.transformers4j.tokenizers.Tokenizer;
import dev.transformers4j.tokenizers.marian.MarianTokenizer;

/**
 * The two sides of a translation tokenizer: source text → ids the encoder reads (ending with {@code </s>}, as Marian
 * requires), and generated target ids → text. One vocabulary may serve both sides ({@link SharedVocabularyTokenizer}
 * over {@code tokenizer.json}); Marian's own checkpoints have one SentencePiece model per side.
 */
public interface TranslationTokenizer {

    /** The source ids of {@code text}, special tokens included ({@code … </s>}), not truncated. */
    int[] encodeSource(String text);

    /** The text of generated target ids, special tokens (EOS, padding) skipped. */
    String decode(int[] targetIds);

    /**
     * Why {@code folder} has no translation tokenizer this library can load, or null when it has one. This is the one
     * place that knows the tokenizer layouts of translation models: {@code tokenizer.json} (one vocabulary for both
     * sides), else Marian's SentencePiece files ({@code source.spm}, {@code target.spm}, {@code vocab.json}) read by
     * {@link MarianTokenizer}.
     */
    static String problem(ModelFolder folder) {
        if (folder.tokenizer() == TokenizerFormat.TOKENIZER_JSON) {
            return null;
        }
        if (folder.tokenizer() == TokenizerFormat.MARIAN_SENTENCEPIECE) {
            try {
                MarianTokenizer.fromFolder(folder.dir());
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return folder.dir() + ": no tokenizer: looked for tokenizer.json (or Marian's source.spm + target.spm"
                + " + vocab.json)";
    }

    /**
     * The translation tokenizer of {@code folder}; throws {@link IllegalArgumentException} with {@link #problem} when
     * there is none, or when its vocabulary is larger than the model's.
     *
     * @param eosTokenId the id that ends every source ({@code </s>})
     * @param vocabSize  the model's {@code vocab_size}
     */
    static TranslationTokenizer fromFolder(ModelFolder folder, int eosTokenId, int vocabSize) {
        String problem = problem(folder);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (folder.tokenizer() != TokenizerFormat.TOKENIZER_JSON) {
            return marian(MarianTokenizer.fromFolder(folder.dir()), folder, vocabSize);
        }
        Tokenizer tokenizer = Tokenizer.fromFile(folder.tokenizerJson());
        if (tokenizer.vocabSize() > vocabSize) {
            throw new IllegalArgumentException(folder.dir() + ": the tokenizer has " + tokenizer.vocabSize()
                    + " tokens but the model's vocab_size is " + vocabSize + ": they do not belong together");
        }
        return new SharedVocabularyTokenizer(tokenizer, eosTokenId);
    }

    /** An opus-mt folder's SentencePiece tokenizer: source text through source.spm, generated ids through target.spm. */
    private static TranslationTokenizer marian(MarianTokenizer marian, ModelFolder folder, int vocabSize) {
        if (marian.vocabSize() > vocabSize) {
            throw new IllegalArgumentException(folder.dir() + ": vocab.json has " + marian.vocabSize() + " tokens but"
                    + " the model's vocab_size is " + vocabSize + ": they do not belong together");
        }
        return new TranslationTokenizer() {
            @Override
            public int[] encodeSource(String text) {
                return marian.encodeSource(text);
            }

            @Override
            public String decode(int[] targetIds) {
                return marian.decode(targetIds);
            }
        };
    }
}
