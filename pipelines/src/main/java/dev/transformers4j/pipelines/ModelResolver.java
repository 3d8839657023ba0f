package dev.transformers4j.pipelines;

import dev.transformers4j.onnx.BuiltinModels;
import dev.transformers4j.tokenizers.Tokenizer;
import dev.transformers4j.tokenizers.marian.MarianTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns what a user typed after {@code --model} into an HF folder: a built-in model name or a path. */
public final class ModelResolver {

    private ModelResolver() {
    }

    /**
     * A folder with {@code config.json}: the path itself, or a built-in model converted once into the cache
     * ({@code T4J_HOME}).
     */
    public static Path resolve(String nameOrPath) {
        return BuiltinModels.resolve(nameOrPath);
    }

    /**
     * Why {@code dir} has no translation tokenizer this library can load, or null when it has one. This is the one
     * place that knows the tokenizer layouts of translation models: {@code tokenizer.json} (one vocabulary for both
     * sides), else Marian's SentencePiece files ({@code source.spm}, {@code target.spm}, {@code vocab.json}) read by
     * {@link MarianTokenizer}.
     */
    public static String translationTokenizerProblem(Path dir) {
        if (Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            return null;
        }
        if (MarianTokenizer.isMarianFolder(dir)) {
            try {
                MarianTokenizer.fromFolder(dir);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return dir + ": no tokenizer: looked for tokenizer.json (or Marian's source.spm + target.spm + vocab.json)";
    }

    /**
     * The translation tokenizer of {@code dir}; throws {@link IllegalArgumentException} with
     * {@link #translationTokenizerProblem} when there is none, or when its vocabulary is larger than the model's.
     *
     * @param eosTokenId the id that ends every source ({@code </s>})
     * @param vocabSize  the model's {@code vocab_size}
     */
    public static TranslationTokenizer translationTokenizer(Path dir, int eosTokenId, int vocabSize) {
        String problem = translationTokenizerProblem(dir);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            return marian(MarianTokenizer.fromFolder(dir), dir, vocabSize);
        }
        Tokenizer tokenizer = Tokenizer.fromFile(dir.resolve("tokenizer.json"));
        if (tokenizer.vocabSize() > vocabSize) {
            throw new IllegalArgumentException(dir + ": the tokenizer has " + tokenizer.vocabSize() + " tokens but the"
                    + " model's vocab_size is " + vocabSize + ": they do not belong together");
        }
        return new SharedVocabularyTokenizer(tokenizer, eosTokenId);
    }

    /** An opus-mt folder's SentencePiece tokenizer: source text through source.spm, generated ids through target.spm. */
    private static TranslationTokenizer marian(MarianTokenizer marian, Path dir, int vocabSize) {
        if (marian.vocabSize() > vocabSize) {
            throw new IllegalArgumentException(dir + ": vocab.json has " + marian.vocabSize() + " tokens but the"
                    + " model's vocab_size is " + vocabSize + ": they do not belong together");
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
