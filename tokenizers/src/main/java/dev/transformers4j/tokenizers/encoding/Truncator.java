package dev.transformers4j.tokenizers.encoding;

import dev.transformers4j.tokenizers.Truncation;
import java.util.ArrayList;
import java.util.List;

/** HF's {@code truncate_encodings} and {@code Encoding::truncate}. */
public final class Truncator {
    private Truncator() {
    }

    /**
     * Truncates the sequence (or pair) so the total is at most {@code params.maxLength()}. With
     * {@code LONGEST_FIRST} and a pair, the longer one is cut first; if both must be cut each keeps about
     * half. The removed tokens become overflowing parts.
     *
     * @return the truncated first and (possibly {@code null}) second sequence
     */
    public static TokenSequence[] truncate(TokenSequence a, TokenSequence b, Truncation params) {
        int max = params.maxLength();
        if (max == 0) {
            return new TokenSequence[] {cut(a, 0, params), b == null ? null : cut(b, 0, params)};
        }
        int total = a.length() + (b == null ? 0 : b.length());
        if (total <= max) {
            return new TokenSequence[] {a, b};
        }
        int toRemove = total - max;
        return switch (params.strategy()) {
            case LONGEST_FIRST -> b == null
                    ? new TokenSequence[] {cut(a, total - toRemove, params), null}
                    : longestFirst(a, b, params);
            case ONLY_FIRST -> new TokenSequence[] {cutBy(a, toRemove, params), b};
            case ONLY_SECOND -> {
                if (b == null) {
                    throw new IllegalArgumentException("Truncation ONLY_SECOND needs a second sequence");
                }
                yield new TokenSequence[] {a, cutBy(b, toRemove, params)};
            }
        };
    }

    private static TokenSequence[] longestFirst(TokenSequence a, TokenSequence b, Truncation params) {
        int max = params.maxLength();
        int n1 = Math.min(a.length(), b.length());
        int n2;
        n2 = n1 > max ? n1 : Math.max(n1, max - n1);
        if (n1 + n2 > max) {
            n1 = max / 2;
            n2 = n1 + max % 2;
        }
        boolean swapped = a.length() > b.length();
        int lengthA = swapped ? n2 : n1;
        int lengthB = swapped ? n1 : n2;
        return new TokenSequence[] {cut(a, lengthA, params), cut(b, lengthB, params)};
    }

    private static TokenSequence cutBy(TokenSequence target, int toRemove, Truncation params) {
        if (target.length() <= toRemove) {
            throw new IllegalArgumentException("Truncation error: sequence to truncate too short to respect "
                    + "the provided max_length " + params.maxLength());
        }
        return cut(target, target.length() - toRemove, params);
    }

    /** HF's {@code Encoding::truncate}: keep {@code maxLen} tokens, the rest become overflow windows. */
    static TokenSequence cut(TokenSequence seq, int maxLen, Truncation params) {
        int length = seq.length();
        if (maxLen >= length) {
            return seq;
        }
        if (maxLen == 0) {
            return new TokenSequence(List.of(), List.of(seq));
        }
        int stride = params.stride();
        if (stride >= maxLen) {
            throw new IllegalArgumentException("Truncation stride " + stride + " must be strictly less than "
                    + "max_len=" + maxLen + " (max_len excludes the special tokens)");
        }
        List<int[]> ranges = windows(length, maxLen, maxLen - stride, params.direction());
        List<TokenSequence> overflow = new ArrayList<>();
        for (int i = 1; i < ranges.size(); i++) {
            overflow.add(TokenSequence.of(seq.tokens().subList(ranges.get(i)[0], ranges.get(i)[1])));
        }
        return new TokenSequence(seq.tokens().subList(ranges.get(0)[0], ranges.get(0)[1]), overflow);
    }

    private static List<int[]> windows(int length, int maxLen, int step, Truncation.Direction direction) {
        List<int[]> ranges = new ArrayList<>();
        if (direction == Truncation.Direction.RIGHT) {
            for (int start = 0; start < length; start += step) {
                int stop = Math.min(start + maxLen, length);
                ranges.add(new int[] {start, stop});
                if (stop == length) {
                    break;
                }
            }
        } else {
            for (int last = length - 1; last >= 0; last -= step) {
                int stop = last + 1;
                int start = Math.max(0, stop - maxLen);
                ranges.add(new int[] {start, stop});
                if (start == 0) {
                    break;
                }
            }
        }
        return ranges;
    }
}
