package dev.transformers4j.tokenizers.train;

import dev.transformers4j.tokenizers.models.BPE;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns a BPE vocabulary and its merges from word counts, as HF tokenizers' {@code BpeTrainer} does
 * ({@code models/bpe/trainer.rs}): special tokens take ids 0.., then the alphabet in code point order, then
 * each merge of the most frequent pair adds the merged token, unless an earlier merge made it (Sennrich
 * et al. 2016, §3.2).
 *
 * <p>Training stops when the vocabulary reaches {@code vocabSize}, when no pair is left, or when the best pair
 * occurs fewer than {@code minFrequency} times. As in HF, the special tokens and the alphabet are never cut:
 * if they alone reach {@code vocabSize}, nothing is merged and the vocabulary is larger than asked.
 *
 * <p>Deviations from HF, both where HF depends on a hash map's random order: words are taken in order of first
 * appearance (this only decides the ids of affixed symbols such as {@code ##a}), and among equally rare
 * characters {@code limitAlphabet} drops the higher code point first. Without prefix, suffix or a limit tie,
 * the result is HF's exactly.
 *
 * @param vocabSize               the vocabulary size to reach (HF default 30000)
 * @param minFrequency            pairs occurring fewer times are not merged (HF default 0)
 * @param specialTokens           tokens given ids 0.. first, in this order
 * @param limitAlphabet           keep at most this many characters, the most frequent; {@code null}: all
 * @param initialAlphabet         code points always in the alphabet, seen or not (byte-level BPE: its 256 bytes)
 * @param continuingSubwordPrefix {@code null}, or a prefix of every symbol but a word's first ({@code ##})
 * @param endOfWordSuffix         {@code null}, or a suffix of every word's last symbol ({@code </w>})
 * @param maxTokenLength          {@code null}, or the length in characters that merged tokens stay below
 *                                (HF's rule: a pair formed by a merge counts only while its two parts are
 *                                shorter together; pairs of two single characters always count)
 */
public record BpeTrainer(int vocabSize, long minFrequency, List<String> specialTokens, Integer limitAlphabet,
        Set<Integer> initialAlphabet, String continuingSubwordPrefix, String endOfWordSuffix, Integer maxTokenLength) {
    private static final Logger LOG = LoggerFactory.getLogger(BpeTrainer.class);

    public BpeTrainer {
        require(vocabSize >= 1, "vocab_size", vocabSize, ">= 1");
        require(minFrequency >= 0, "min_frequency", minFrequency, ">= 0");
        require(limitAlphabet == null || limitAlphabet >= 0, "limit_alphabet", limitAlphabet, ">= 0 or none");
        require(maxTokenLength == null || maxTokenLength >= 1, "max_token_length", maxTokenLength, ">= 1 or none");
        specialTokens = List.copyOf(specialTokens);
        Set<String> seen = new HashSet<>();
        for (String token : specialTokens) {
            require(!token.isEmpty(), "special_tokens", "an empty token", "non-empty tokens");
            require(seen.add(token), "special_tokens", "'" + token + "' twice", "each token once");
        }
        initialAlphabet = Set.copyOf(initialAlphabet);
    }

    /** HF's defaults: vocabulary 30000, no minimum frequency, no special tokens, no limits, no affixes. */
    public static BpeTrainer defaults() {
        return new BpeTrainer(30_000, 0, List.of(), null, Set.of(), null, null, null);
    }

    public BpeTrainer withVocabSize(int size) {
        return new BpeTrainer(size, minFrequency, specialTokens, limitAlphabet, initialAlphabet,
                continuingSubwordPrefix, endOfWordSuffix, maxTokenLength);
    }

    public BpeTrainer withMinFrequency(long frequency) {
        return new BpeTrainer(vocabSize, frequency, specialTokens, limitAlphabet, initialAlphabet,
                continuingSubwordPrefix, endOfWordSuffix, maxTokenLength);
    }

    public BpeTrainer withSpecialTokens(List<String> tokens) {
        return new BpeTrainer(vocabSize, minFrequency, tokens, limitAlphabet, initialAlphabet,
                continuingSubwordPrefix, endOfWordSuffix, maxTokenLength);
    }

    /** @param limit {@code null} for no limit */
    public BpeTrainer withLimitAlphabet(Integer limit) {
        return new BpeTrainer(vocabSize, minFrequency, specialTokens, limit, initialAlphabet,
                continuingSubwordPrefix, endOfWordSuffix, maxTokenLength);
    }

    public BpeTrainer withInitialAlphabet(Set<Integer> codePoints) {
        return new BpeTrainer(vocabSize, minFrequency, specialTokens, limitAlphabet, codePoints,
                continuingSubwordPrefix, endOfWordSuffix, maxTokenLength);
    }

    /** @param prefix {@code null} for none; @param suffix {@code null} for none */
    public BpeTrainer withAffixes(String prefix, String suffix) {
        return new BpeTrainer(vocabSize, minFrequency, specialTokens, limitAlphabet, initialAlphabet, prefix, suffix,
                maxTokenLength);
    }

    /** @param length {@code null} for no limit */
    public BpeTrainer withMaxTokenLength(Integer length) {
        return new BpeTrainer(vocabSize, minFrequency, specialTokens, limitAlphabet, initialAlphabet,
                continuingSubwordPrefix, endOfWordSuffix, length);
    }

    /** HF's {@code do_train}: special tokens, alphabet, words as characters, then the merges. */
    public TrainedBpe train(WordCounts words) {
        TrainingVocab vocab = new TrainingVocab();
        specialTokens.forEach(vocab::idOrAdd);                                  // 1. special tokens
        int beforeAlphabet = vocab.size();
        InitialVocabulary.addAlphabet(words, initialAlphabet, limitAlphabet, vocab);   // 2. alphabet
        List<TrainingWord> symbols = InitialVocabulary.split(words, continuingSubwordPrefix, endOfWordSuffix,
                vocab);                                                         // 3. words as symbols
        int alphabetSize = vocab.size() - beforeAlphabet;
        if (vocab.size() > vocabSize) {
            LOG.warn("vocab_size {} is below the {} special tokens and {} alphabet symbols, which are all kept:"
                    + " nothing is merged (as in HF)", vocabSize, beforeAlphabet, alphabetSize);
        }
        long[] counts = new long[words.size()];
        for (int w = 0; w < counts.length; w++) {
            counts[w] = words.count(w);
        }
        BpeMergeLoop loop = new BpeMergeLoop(symbols, counts, vocab);
        loop.countPairs();                                                      // 4. pair counts
        loop.run(vocabSize, minFrequency, continuingSubwordPrefix,
                maxTokenLength == null ? Long.MAX_VALUE : maxTokenLength);     // 5. merges
        List<BPE.Merge> merges = new ArrayList<>();
        for (long[] merge : loop.merges()) {
            merges.add(new BPE.Merge(vocab.token(PairCounts.left(merge[0])), vocab.token(PairCounts.right(merge[0]))));
        }
        return new TrainedBpe(vocab.tokens(), merges, alphabetSize, continuingSubwordPrefix, endOfWordSuffix);
    }

    private static void require(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("BpeTrainer " + field + ": expected " + expected + " but was " + value);
        }
    }
}
