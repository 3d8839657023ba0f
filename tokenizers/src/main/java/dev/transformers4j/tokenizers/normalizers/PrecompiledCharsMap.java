package dev.transformers4j.tokenizers.normalizers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SentencePiece's compiled normalization rules, the {@code precompiled_charsmap} of a {@code .spm} file
 * (and of HF's {@code Precompiled} normalizer): which UTF-8 strings are rewritten, and into what.
 *
 * <p>The blob is {@code [u32 trie size in bytes][trie: u32 units][pool]}, little-endian. The trie is a
 * darts-clone double array over UTF-8 bytes whose values are offsets into the pool, where each
 * replacement is a NUL-terminated UTF-8 string ("ﬁ" → "fi", "ＡＢＣ" → "ABC", U+200D → " ", ...).
 * One unit packs a node: bits 0-7 and 31 the label, bit 8 "has a value child", bits 10-30 the offset
 * to the children (shifted left by 8 more when bit 9 is set), and a value unit holds bits 0-30.
 *
 * <p>Two lookups: {@link #shortestPrefix} (the first match of darts' {@code commonPrefixSearch}, which
 * HF's {@code spm_precompiled} uses) and {@link #longestPrefix} (what SentencePiece itself uses).
 */
public final class PrecompiledCharsMap {
    private static final int LABEL_MASK = 0x800000FF;

    private final int[] units;
    private final byte[] pool;
    private final ConcurrentHashMap<Integer, String> replacements = new ConcurrentHashMap<>();

    /** A rule that applies at the start of some bytes: it matches {@code length} of them. */
    public record Match(int length, String replacement) {
    }

    private PrecompiledCharsMap(int[] units, byte[] pool) {
        this.units = units;
        this.pool = pool;
    }

    /** Parses the blob; {@link IllegalArgumentException} if it is too short, cut off or its pool is not UTF-8. */
    public static PrecompiledCharsMap parse(byte[] blob) {
        if (blob.length < 4) {
            throw new IllegalArgumentException("precompiled_charsmap: expected at least 4 bytes (the trie size) but "
                    + "got " + blob.length);
        }
        ByteBuffer in = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        long trieBytes = Integer.toUnsignedLong(in.getInt());
        if (trieBytes % 4 != 0 || trieBytes == 0 || trieBytes > blob.length - 4) {
            throw new IllegalArgumentException("precompiled_charsmap: trie size " + trieBytes + " does not fit a "
                    + "blob of " + blob.length + " bytes (expected a positive multiple of 4, at most "
                    + (blob.length - 4) + ")");
        }
        int[] units = new int[(int) (trieBytes / 4)];
        in.asIntBuffer().get(units);
        byte[] pool = new byte[blob.length - 4 - (int) trieBytes];
        in.position(4 + (int) trieBytes).get(pool);
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(pool));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("precompiled_charsmap: the replacement pool is not valid UTF-8", e);
        }
        return new PrecompiledCharsMap(units, pool);
    }

    /** The rule with the shortest key that is a prefix of {@code utf8[from, to)}, or {@code null}. */
    public Match shortestPrefix(byte[] utf8, int from, int to) {
        return search(utf8, from, to, true);
    }

    /** The rule with the longest key that is a prefix of {@code utf8[from, to)}, or {@code null}. */
    public Match longestPrefix(byte[] utf8, int from, int to) {
        return search(utf8, from, to, false);
    }

    /** darts-clone's {@code commonPrefixSearch}: walks the key byte by byte; a NUL byte ends the key. */
    private Match search(byte[] key, int from, int to, boolean firstOnly) {
        Match found = null;
        int node = offset(units[0]);
        for (int i = from; i < to && key[i] != 0; i++) {
            int label = key[i] & 0xFF;
            node ^= label;
            if (node < 0 || node >= units.length || (units[node] & LABEL_MASK) != label) {
                return found;
            }
            boolean hasLeaf = (units[node] >>> 8 & 1) == 1;
            node ^= offset(units[node]);
            if (hasLeaf && node >= 0 && node < units.length) {
                found = new Match(i + 1 - from, replacement(units[node] & 0x7FFFFFFF));
                if (firstOnly) {
                    return found;
                }
            }
        }
        return found;
    }

    private static int offset(int unit) {
        return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
    }

    /** The NUL-terminated UTF-8 string at {@code index} of the pool. */
    private String replacement(int index) {
        return replacements.computeIfAbsent(index, i -> {
            int end = i;
            while (end < pool.length && pool[end] != 0) {
                end++;
            }
            return i >= pool.length ? "" : new String(pool, i, end - i, StandardCharsets.UTF_8);
        });
    }
}
