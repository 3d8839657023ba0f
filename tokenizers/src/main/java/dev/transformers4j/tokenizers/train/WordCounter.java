package dev.transformers4j.tokenizers.train;

import dev.transformers4j.tokenizers.normalizers.Normalizer;
import dev.transformers4j.tokenizers.pretokenizers.PreTokenizer;
import dev.transformers4j.tokenizers.text.PreTokenizedString;
import java.nio.file.Path;
import java.util.List;

/**
 * HF's {@code BpeTrainer::feed} with the tokenizer's pipeline: each sequence (a line of a file, or a text) is
 * normalized and pre-tokenized, and its words are counted. Added tokens are not cut out first, as in HF.
 *
 * @param normalizer   {@code null} for none
 * @param preTokenizer {@code null}: each sequence is one word
 */
public record WordCounter(Normalizer normalizer, PreTokenizer preTokenizer) {

    /** The words of UTF-8 text files read line by line (see {@link CorpusLines}); errors name the file and line. */
    public WordCounts countFiles(List<Path> files) {
        WordCounts words = new WordCounts();
        for (Path file : files) {
            CorpusLines.forEach(file, line -> add(line, words));
        }
        return words;
    }

    /** The words of texts given one by one (HF's {@code train_from_iterator}). */
    public WordCounts countTexts(Iterable<String> texts) {
        WordCounts words = new WordCounts();
        texts.forEach(text -> add(text, words));
        return words;
    }

    private void add(String sequence, WordCounts words) {
        PreTokenizedString split = new PreTokenizedString(sequence);
        if (normalizer != null) {
            split.normalize(normalizer::normalize);
        }
        if (preTokenizer != null) {
            preTokenizer.preTokenize(split);
        }
        for (PreTokenizedString.Split s : split.splits()) {
            words.add(s.normalized().get());
        }
        words.sequenceDone();
    }
}
