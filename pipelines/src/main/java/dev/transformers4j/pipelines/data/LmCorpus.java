package dev.transformers4j.pipelines.data;

import java.nio.file.Path;

/**
 * A text file prepared for causal-LM training as nanoGPT prepares one: read (strictly UTF-8), tokenized once,
 * split by tokens into the first 90% for training and the last 10% for validation, and cut into windows:
 *
 * <pre>{@code
 * LmCorpus corpus = LmCorpus.read(Path.of("input.txt"), "char");
 * GPT2LMHeadModel model = GPT2LMHeadModel.initialized(config, 42);    // vocab_size = corpus.tokenizer().vocabSize()
 * Trainer<Batch> trainer = new Trainer<>(model, new CausalLanguageModelingTask(model),
 *         corpus.trainWindows(128), corpus.validationWindows(128, 0), args);
 * }</pre>
 *
 * @param tokenizer  the tokenizer, to save beside the model ({@link CorpusTokenizer#saveTo})
 * @param train      the first 90% of the tokens
 * @param validation the last 10%
 */
public record LmCorpus(CorpusTokenizer tokenizer, TokenStream train, TokenStream validation) {

    /**
     * Reads and tokenizes {@code file}.
     *
     * @param tokenizer {@code "char"} (the text's characters) or a {@code tokenizer.json} or tokenizer folder, as
     *                  {@link CorpusTokenizer#resolve}
     * @throws DataFileException when the file is empty or not UTF-8, naming it
     */
    public static LmCorpus read(Path file, String tokenizer) {
        String text = TextFiles.read(file);
        if (text.isEmpty()) {
            throw new DataFileException(file, 0, "the text is empty");
        }
        CorpusTokenizer tok = CorpusTokenizer.resolve(tokenizer, text);
        TokenStream.Split split = TokenStream.encode(tok.tokenizer(), text).split();
        return new LmCorpus(tok, split.train(), split.validation());
    }

    /** Every window of {@code context} training tokens ({@link LmWindows#all}), for the trainer to shuffle. */
    public LmWindows trainWindows(int context) {
        return LmWindows.all(train, context);
    }

    /**
     * Windows that predict every validation token once ({@link LmWindows#covering}); {@code maxWindows > 0}
     * keeps that many, evenly spread.
     */
    public LmWindows validationWindows(int context, int maxWindows) {
        return LmWindows.covering(validation, context, maxWindows);
    }
}
