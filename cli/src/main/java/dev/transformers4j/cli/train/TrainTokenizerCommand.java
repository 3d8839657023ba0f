package dev.transformers4j.cli.train;

import static dev.transformers4j.cli.train.TrainSession.require;

import dev.transformers4j.cli.support.Json;
import dev.transformers4j.cli.support.OutputFolderOptions;
import dev.transformers4j.models.io.AtomicFiles;
import dev.transformers4j.models.io.ModelFolders;
import dev.transformers4j.models.io.OutputFolder;
import dev.transformers4j.pipelines.HfFolderFiles;
import dev.transformers4j.tokenizers.train.BpeTrainer;
import dev.transformers4j.tokenizers.train.TokenizerRecipe;
import dev.transformers4j.tokenizers.train.TokenizerTrainer;
import dev.transformers4j.tokenizers.train.TrainedTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code t4j train tokenizer}: learns a BPE tokenizer from text files as HF tokenizers' {@code BpeTrainer} does and
 * saves {@code tokenizer.json} (HF's format) and {@code tokenizer_config.json} (so that transformers'
 * {@code AutoTokenizer} loads the folder).
 */
@Command(name = "tokenizer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a BPE tokenizer (HF tokenizers' BpeTrainer) on UTF-8 text files, one sequence per line,"
                + " and save tokenizer.json and tokenizer_config.json to --out. Default: byte-level BPE as GPT-2 and"
                + " RoBERTa, special tokens <pad> </s> <unk> <s> (ids 0-3), </s> appended to every sequence.")
public final class TrainTokenizerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"--input", "--files"}, required = true, arity = "1..*", paramLabel = "FILE", description = "The corpus: UTF-8 text files.")
    List<Path> files;
    @Option(names = "--vocab-size", required = true, paramLabel = "N", description = "Vocabulary size to reach, special tokens included.")
    int vocabSize;
    @Mixin
    OutputFolderOptions output;
    @Option(names = "--min-frequency", defaultValue = "0", paramLabel = "N", description = "Merge only pairs seen at least N times (default: ${DEFAULT-VALUE}).")
    long minFrequency;
    @Option(names = "--special-tokens", split = ",", paramLabel = "TOKEN,...", hideParamSyntax = true,
            defaultValue = "<pad>,</s>,<unk>,<s>",
            description = "Special tokens, ids 0.. in this order; </s> among them is appended to every sequence (default: ${DEFAULT-VALUE}).")
    List<String> specialTokens;
    @ArgGroup(exclusive = true)
    Pipeline pipeline = new Pipeline();
    @Option(names = "--lowercase", description = "Lowercase the text first (a Lowercase normalizer).")
    boolean lowercase;
    @Option(names = "--limit-alphabet", paramLabel = "N", description = "Keep only the N most frequent characters (default: all).")
    Integer limitAlphabet;
    @Option(names = "--max-token-length", paramLabel = "N", description = "Learn tokens shorter than N characters; two-character ones are always allowed (HF's max_token_length; default: none).")
    Integer maxTokenLength;
    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    /** The pipeline: one of the {@link TokenizerRecipe}s. */
    static final class Pipeline {
        @Option(names = "--byte-level", description = "Byte-level BPE as GPT-2/RoBERTa: no unknown text, lossless decoding (the default).")
        boolean byteLevel;
        @Option(names = "--whitespace", description = "Words split at whitespace and punctuation, ## subwords, WordPiece-style decoding; unseen characters become <unk>.")
        boolean whitespace;

        TokenizerRecipe recipe() {
            return whitespace ? TokenizerRecipe.WHITESPACE : TokenizerRecipe.BYTE_LEVEL;
        }
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        List<String> specials = specialTokens.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        require(vocabSize >= 1, "--vocab-size", vocabSize, ">= 1");
        require(minFrequency >= 0, "--min-frequency", minFrequency, ">= 0");
        require(limitAlphabet == null || limitAlphabet >= 0, "--limit-alphabet", limitAlphabet, ">= 0");
        require(maxTokenLength == null || maxTokenLength >= 1, "--max-token-length", maxTokenLength, ">= 1");
        require(specials.stream().distinct().count() == specials.size(), "--special-tokens", specials, "each token once");
        BpeTrainer bpe = BpeTrainer.defaults().withVocabSize(vocabSize).withMinFrequency(minFrequency)
                .withSpecialTokens(specials).withLimitAlphabet(limitAlphabet).withMaxTokenLength(maxTokenLength);
        TokenizerTrainer trainer = new TokenizerTrainer(pipeline.recipe(), lowercase, bpe,
                specials.contains("</s>") ? "</s>" : null);
        OutputFolder.check(output.out, output.overwrite);                          // before the work, not after
        TrainedTokenizer trained = trainer.train(files);
        save(trained, specials);
        report(trained, specials.size(), output.out.resolve("tokenizer.json"), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** Writes the folder beside {@code --out} and renames it into place: it appears whole or not at all. */
    private void save(TrainedTokenizer trained, List<String> specials) {
        Path tmp = ModelFolders.tempSibling(output.out, "tmp");
        try {
            AtomicFiles.write(tmp.resolve("tokenizer.json"), trained::writeTo);
            HfFolderFiles.writeTrainedTokenizerConfig(tmp, specials);
            ModelFolders.publish(tmp, output.out, output.ifExists());
        } finally {
            ModelFolders.deleteRecursively(tmp);
        }
    }

    /** A merge may rebuild a token another merge made (a + bc, ab + c): vocab ≤ specials + alphabet + merges. */
    private void report(TrainedTokenizer trained, int specials, Path tokenizerJson, double seconds) {
        var o = spec.commandLine().getOut();
        if (json) {
            try (Json j = new Json(o)) {
                j.field("tokenizer", tokenizerJson.toString()).field("pipeline", pipeline.recipe().displayName())
                        .field("vocab_size", trained.vocabSize()).field("requested_vocab_size", vocabSize);
                j.gen().writeArrayFieldStart("special_tokens");
                for (String token : trained.bpe().vocab().subList(0, specials)) {
                    j.gen().writeString(token);
                }
                j.gen().writeEndArray();
                j.field("alphabet", trained.bpe().alphabetSize()).field("merges", trained.bpe().merges().size())
                        .field("lines", trained.sequences()).field("words", trained.words())
                        .field("distinct_words", trained.distinctWords());
                j.gen().writeNumberField("seconds", Math.round(seconds * 100) / 100.0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        o.printf(Locale.ROOT, "trained a %s BPE tokenizer in %.1f s: vocab %d (%d special tokens, %d alphabet, %d"
                + " merges)%n", pipeline.recipe().displayName(), seconds, trained.vocabSize(), specials,
                trained.bpe().alphabetSize(), trained.bpe().merges().size());
        o.printf(Locale.ROOT, "from %d lines of %d file(s): %d words, %d distinct%n", trained.sequences(), files.size(),
                trained.words(), trained.distinctWords());
        if (trained.vocabSize() != vocabSize) {
            o.printf("note: vocab %d, not --vocab-size %d: %s%n", trained.vocabSize(), vocabSize,
                    trained.vocabSize() > vocabSize ? "the special tokens and the alphabet are always kept (as in HF)"
                            : "no pair left to merge" + (minFrequency > 0 ? " at --min-frequency " + minFrequency : ""));
        }
        o.printf("saved %s and %s%n", tokenizerJson, output.out.resolve(HfFolderFiles.TOKENIZER_CONFIG));
    }
}
