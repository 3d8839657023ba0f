package dev.transformers4j.tokenizers.train;

import dev.transformers4j.tokenizers.Tokenizer;
import dev.transformers4j.tokenizers.added.AddedToken;
import dev.transformers4j.tokenizers.json.TokenizerJsonWriter;
import dev.transformers4j.tokenizers.models.BPE;
import dev.transformers4j.tokenizers.normalizers.Lowercase;
import dev.transformers4j.tokenizers.processors.PostProcessor;
import dev.transformers4j.tokenizers.processors.TemplateProcessing;
import dev.transformers4j.tokenizers.processors.TemplateProcessing.SequencePiece;
import dev.transformers4j.tokenizers.processors.TemplateProcessing.SpecialTokenPiece;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains a complete BPE tokenizer from text, as HF's {@code Tokenizer.train(files, trainer)} does: every line
 * is normalized and pre-tokenized by the recipe's pipeline, the words are counted, {@link BpeTrainer} learns
 * the vocabulary, and the special tokens become added tokens. The result is a standard {@code tokenizer.json}.
 *
 * @param recipe        the pipeline around the BPE model
 * @param lowercase     lowercase the text first (HF's {@code Lowercase} normalizer)
 * @param bpe           vocabulary size, minimum frequency, special tokens...; the recipe adds its initial
 *                      alphabet and its continuing-subword prefix
 * @param endOfSequence the special token the post-processor appends to every sequence (Marian's
 *                      {@code $A </s>}, pairs {@code $A $B:1 </s>:1}); {@code null} for no post-processor
 */
public record TokenizerTrainer(TokenizerRecipe recipe, boolean lowercase, BpeTrainer bpe, String endOfSequence) {
    /** Padding, end of sequence, unknown, start of sequence: ids 0, 1, 2, 3. */
    public static final List<String> DEFAULT_SPECIAL_TOKENS = List.of("<pad>", "</s>", "<unk>", "<s>");

    public TokenizerTrainer {
        if (endOfSequence != null && !bpe.specialTokens().contains(endOfSequence)) {
            throw new IllegalArgumentException("end-of-sequence token '" + endOfSequence + "' is not one of the"
                    + " special tokens " + bpe.specialTokens());
        }
    }

    /** The default for translation: byte-level BPE, {@link #DEFAULT_SPECIAL_TOKENS}, {@code </s>} appended. */
    public static TokenizerTrainer translation(int vocabSize) {
        return new TokenizerTrainer(TokenizerRecipe.BYTE_LEVEL, false,
                BpeTrainer.defaults().withVocabSize(vocabSize).withSpecialTokens(DEFAULT_SPECIAL_TOKENS), "</s>");
    }

    /** Trains on UTF-8 text files, read line by line; errors name the file (and line). */
    public TrainedTokenizer train(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no corpus files to train on");
        }
        WordCounts words = wordCounter().countFiles(files);
        if (words.size() == 0) {
            throw new IllegalArgumentException("no words to learn from: " + files + " "
                    + (files.size() == 1 ? "is" : "are") + " empty or only whitespace");
        }
        return train(words);
    }

    /** Trains on texts given one by one (HF's {@code train_from_iterator}). */
    public TrainedTokenizer trainFromTexts(Iterable<String> texts) {
        return train(wordCounter().countTexts(texts));
    }

    /** The normalizer and pre-tokenizer of the recipe, which cut the text into the words BPE learns from. */
    public WordCounter wordCounter() {
        return new WordCounter(lowercase ? Lowercase.INSTANCE : null, recipe.preTokenizer());
    }

    /** Learns the vocabulary from counted words and builds the tokenizer around it. */
    public TrainedTokenizer train(WordCounts words) {
        Set<Integer> alphabet = new HashSet<>(bpe.initialAlphabet());
        alphabet.addAll(recipe.initialAlphabet());
        BpeTrainer trainer = bpe.withInitialAlphabet(alphabet).withAffixes(recipe.continuingSubwordPrefix() != null
                ? recipe.continuingSubwordPrefix() : bpe.continuingSubwordPrefix(), bpe.endOfWordSuffix());
        TrainedBpe trained = trainer.train(words);
        Map<String, Integer> ids = trained.vocabMap();
        List<AddedToken> added = bpe.specialTokens().stream()
                .map(t -> new AddedToken(ids.get(t), t, false, false, false, false, true)).toList();
        BPE.Options options = new BPE.Options(recipe.unknownToken(bpe.specialTokens()),
                trained.continuingSubwordPrefix(), trained.endOfWordSuffix(), false, false, false);
        String json = TokenizerJsonWriter.bpe(added, wordCounter().normalizer(), recipe.preTokenizer(),
                postProcessor(ids), recipe.decoder(), trained.vocab(), trained.merges(), options);
        return new TrainedTokenizer(json, Tokenizer.fromJson(json, "trained tokenizer"), trained,
                words.sequences(), words.total(), words.size());
    }

    private PostProcessor postProcessor(Map<String, Integer> ids) {
        if (endOfSequence == null) {
            return PostProcessor.NONE;
        }
        var eos = new TemplateProcessing.SpecialToken(endOfSequence, List.of(ids.get(endOfSequence)),
                List.of(endOfSequence));
        return new TemplateProcessing(
                List.of(new SequencePiece(true, 0), new SpecialTokenPiece(endOfSequence, 0)),
                List.of(new SequencePiece(true, 0), new SequencePiece(false, 1), new SpecialTokenPiece(endOfSequence, 1)),
                Map.of(endOfSequence, eos));
    }
}
