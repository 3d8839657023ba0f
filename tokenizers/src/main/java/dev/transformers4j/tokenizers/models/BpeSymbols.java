package dev.transformers4j.tokenizers.models;

import dev.transformers4j.tokenizers.text.Utf8;
import java.util.Map;

/**
 * The symbols a {@link BPE} word starts from, before any merge (the first half of HF's
 * {@code merge_word}): one per character, the continuing-subword prefix on all but the first and the
 * end-of-word suffix on the last. A character missing from the vocabulary becomes its {@code <0xNN>}
 * byte tokens (byte fallback, if all exist), else the unknown token (consecutive ones fused into one
 * with {@code fuseUnk}), else nothing.
 */
final class BpeSymbols {
    private BpeSymbols() {
    }

    /** HF's {@code merge_word} up to the merging: one symbol per character, unknown ones handled. */
    static BpeWord of(String word, Map<String, Integer> vocab, BPE.Options options) {
        BpeWord symbols = new BpeWord();
        int unkId = -1;
        int unkLength = 0; // pending unknown token, not yet added
        for (int i = 0; i < word.length(); ) {
            int end = i + Character.charCount(word.codePointAt(i));
            String s = word.substring(i, end);
            if (i > 0 && options.continuingSubwordPrefix() != null) {
                s = options.continuingSubwordPrefix() + s;
            }
            if (end == word.length() && options.endOfWordSuffix() != null) {
                s = s + options.endOfWordSuffix();
            }
            int length = Utf8.length(word.codePointAt(i));
            i = end;
            Integer id = vocab.get(s);
            if (id != null) {
                if (unkLength > 0) {
                    symbols.add(unkId, unkLength);
                    unkLength = 0;
                }
                symbols.add(id, length);
            } else if (options.byteFallback() && addBytes(symbols, s, vocab)) {
                // the pending unknown token stays pending, as in HF
            } else if (options.unkToken() != null) {
                if (unkLength > 0 && !options.fuseUnk()) {
                    symbols.add(unkId, unkLength);
                    unkLength = 0;
                }
                unkId = unkId(vocab, options.unkToken());
                unkLength += length;
            }
        }
        if (unkLength > 0) {
            symbols.add(unkId, unkLength);
        }
        return symbols;
    }

    /** Adds the {@code <0xNN>} tokens of the UTF-8 bytes of {@code s} if all are in the vocabulary. */
    private static boolean addBytes(BpeWord symbols, String s, Map<String, Integer> vocab) {
        byte[] utf8 = new byte[4];
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        s.codePoints().forEach(cp -> bytes.write(utf8, 0, Utf8.encode(cp, utf8)));
        int[] ids = new int[bytes.size()];
        byte[] all = bytes.toByteArray();
        for (int k = 0; k < all.length; k++) {
            Integer id = vocab.get(String.format("<0x%02X>", all[k] & 0xFF));
            if (id == null) {
                return false;
            }
            ids[k] = id;
        }
        for (int id : ids) {
            symbols.add(id, 1);
        }
        return true;
    }

    private static int unkId(Map<String, Integer> vocab, String unkToken) {
        Integer id = vocab.get(unkToken);
        if (id == null) {
            throw new IllegalStateException("BPE: the unk_token '" + unkToken + "' is not in the vocabulary");
        }
        return id;
    }
}
