package dev.transformers4j.tokenizers.models;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-pair encoding (Sennrich et al. 2016, §3.2; GPT-2 §2.2 applies it to bytes): a word starts as
 * one symbol per character, then the learned merges are applied, the lowest-ranked pair first, until
 * no listed pair is left. The result is HF's {@code BPE::tokenize} without dropout.
 *
 * <p>Each character must be in the vocabulary; one that is not becomes {@code <0xNN>} byte tokens
 * ({@code byteFallback}) or the unknown token (several unknown characters in a row fused into one with
 * {@code fuseUnk}), and is dropped if there is neither. Words shorter than 256 UTF-16 units are cached
 * (at most {@value #CACHE_CAPACITY} words; when full, no more are added, as in HF).
 */
public final class BPE implements Model {
    /** HF's {@code DEFAULT_CACHE_CAPACITY}. */
    public static final int CACHE_CAPACITY = 10_000;
    private static final int MAX_CACHED_LENGTH = 256;

    /** One merge rule {@code left right}, as a line of {@code merges.txt}. */
    public record Merge(String left, String right) {
    }

    /**
     * The options of HF's BPE model besides vocabulary and merges.
     *
     * @param unkToken                {@code null} for none: unknown characters are dropped
     * @param continuingSubwordPrefix {@code null} or a prefix of every symbol but a word's first
     * @param endOfWordSuffix         {@code null} or a suffix of a word's last symbol
     * @param fuseUnk                 consecutive unknown characters become one unknown token
     * @param byteFallback            an unknown character becomes its UTF-8 bytes as {@code <0xNN>} tokens
     * @param ignoreMerges            a word that is itself in the vocabulary is one token, merges or not
     */
    public record Options(String unkToken, String continuingSubwordPrefix, String endOfWordSuffix, boolean fuseUnk,
            boolean byteFallback, boolean ignoreMerges) {
        /** GPT-2's: no unknown token, no prefix or suffix, nothing fused, no fallback. */
        public static Options gpt2() {
            return new Options(null, null, null, false, false, false);
        }
    }

    /** A merge whose tokens are not in the vocabulary; {@link #index} is its position in the merge list. */
    public static final class MergeOutOfVocabulary extends IllegalArgumentException {
        private final int index;

        MergeOutOfVocabulary(int index, String message) {
            super(message);
            this.index = index;
        }

        public int index() {
            return index;
        }
    }

    private final Map<String, Integer> vocab;
    private final Map<Integer, String> vocabReversed;
    private final BpeMerges merges;
    private final Options options;
    private final Map<String, List<ModelToken>> cache = new ConcurrentHashMap<>();

    /**
     * @throws MergeOutOfVocabulary if a merge's left or right token, or their concatenation (without the
     *                              right one's {@code continuingSubwordPrefix}), is not in {@code vocab}
     */
    public BPE(Map<String, Integer> vocab, List<Merge> merges, Options options) {
        this.vocab = Map.copyOf(vocab);
        this.vocabReversed = new HashMap<>(vocab.size() * 2);
        vocab.forEach((token, id) -> vocabReversed.put(id, token));
        this.options = options;
        this.merges = mergeTable(merges);
    }

    private BpeMerges mergeTable(List<Merge> list) {
        int prefixLength = options.continuingSubwordPrefix() == null ? 0 : options.continuingSubwordPrefix().length();
        int[] left = new int[list.size()];
        int[] right = new int[list.size()];
        int[] newId = new int[list.size()];
        for (int i = 0; i < list.size(); i++) {
            Merge merge = list.get(i);
            left[i] = idOf(merge.left(), i, merge);
            right[i] = idOf(merge.right(), i, merge);
            newId[i] = idOf(merge.left() + merge.right().substring(Math.min(prefixLength, merge.right().length())),
                    i, merge);
        }
        return new BpeMerges(left, right, newId);
    }

    private int idOf(String token, int index, Merge merge) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new MergeOutOfVocabulary(index, "merge '" + merge.left() + " " + merge.right() + "': token '"
                    + token + "' is not in the vocabulary");
        }
        return id;
    }

    @Override
    public List<ModelToken> tokenize(String word) {
        if (word.isEmpty()) {
            return List.of();
        }
        if (options.ignoreMerges()) {
            Integer id = vocab.get(word);
            if (id != null) {
                return List.of(new ModelToken(id, word, 0, word.length()));
            }
        }
        List<ModelToken> cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        BpeWord symbols = BpeSymbols.of(word, vocab, options);
        symbols.mergeAll(merges);
        List<ModelToken> tokens = List.copyOf(symbols.tokens(word, vocabReversed::get));
        if (word.length() < MAX_CACHED_LENGTH && cache.size() < CACHE_CAPACITY) {
            cache.put(word, tokens);
        }
        return tokens;
    }

    @Override
    public OptionalInt tokenToId(String token) {
        Integer id = vocab.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public String idToToken(int id) {
        return vocabReversed.get(id);
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    public Options options() {
        return options;
    }
}
