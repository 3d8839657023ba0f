package dev.transformers4j.tokenizers.sentencepiece;

import dev.transformers4j.tokenizers.models.PieceTrie;
import dev.transformers4j.tokenizers.normalizers.PrecompiledCharsMap;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.ModelProto.SentencePiece.Type;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.NormalizerSpec;
import dev.transformers4j.tokenizers.text.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * SentencePiece's own normalizer ({@code normalizer.cc}), run before segmentation. Left to right over
 * the UTF-8 text, each step rewrites the longest prefix some rule matches (a user-defined piece is
 * kept as it is; otherwise the longest rule of the compiled charsmap; otherwise one character), and:
 * <ul>
 *   <li>{@code remove_extra_whitespaces}: spaces at the start are dropped, a run of spaces becomes one,
 *       trailing spaces are dropped;</li>
 *   <li>{@code add_dummy_prefix}: a space is put in front, so that a first word looks like the others;</li>
 *   <li>{@code escape_whitespaces}: every space is written as {@code ▁} (U+2581).</li>
 * </ul>
 * "Space" means U+0020 after the rules applied (the nmt_nfkc rules turn tabs, newlines, no-break and
 * ideographic spaces into it).
 */
final class SentencePieceNormalizer {
    private static final byte[] SPACE_SYMBOL = "\u2581".getBytes(StandardCharsets.UTF_8);

    private final PrecompiledCharsMap charsMap;
    private final PieceTrie userDefined = new PieceTrie();
    private final boolean hasUserDefined;
    private final boolean addDummyPrefix;
    private final boolean removeExtraWhitespaces;
    private final boolean escapeWhitespaces;

    SentencePieceNormalizer(SentencePieceModel model) {
        NormalizerSpec spec = model.normalizerSpec();
        this.charsMap = model.charsMap();
        this.addDummyPrefix = spec.getAddDummyPrefix();
        this.removeExtraWhitespaces = spec.getRemoveExtraWhitespaces();
        this.escapeWhitespaces = spec.getEscapeWhitespaces();
        boolean any = false;
        for (int id = 0; id < model.pieces().size(); id++) {
            if (model.pieces().get(id).type() == Type.USER_DEFINED) {
                userDefined.add(model.pieces().get(id).piece(), id);
                any = true;
            }
        }
        this.hasUserDefined = any;
    }

    /** The normalized text, spaces escaped as {@code ▁} (when the model says so). */
    String normalize(String text) {
        Utf8Text in = new Utf8Text(text);
        int pos = 0;
        while (removeExtraWhitespaces && pos < in.bytes.length) {
            Prefix p = prefix(in, pos);
            if (!p.isSpace()) {
                break;
            }
            pos += p.length;
        }
        if (pos == in.bytes.length) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.bytes.length + 8);
        if (addDummyPrefix) {
            writeSpace(out);
        }
        boolean previousSpace = removeExtraWhitespaces;
        while (pos < in.bytes.length) {
            Prefix p = prefix(in, pos);
            int k = 0;
            while (previousSpace && k < p.replacement.length && p.replacement[k] == ' ') {
                k++;
            }
            if (k < p.replacement.length) {
                for (int i = k; i < p.replacement.length; i++) {
                    if (p.replacement[i] == ' ') {
                        writeSpace(out);
                    } else {
                        out.write(p.replacement[i]);
                    }
                }
                previousSpace = p.replacement[p.replacement.length - 1] == ' ';
            }
            pos += p.length;
            previousSpace &= removeExtraWhitespaces;
        }
        String normalized = out.toString(StandardCharsets.UTF_8);
        String space = escapeWhitespaces ? "\u2581" : " ";
        while (removeExtraWhitespaces && normalized.endsWith(space)) {
            normalized = normalized.substring(0, normalized.length() - space.length());
        }
        return normalized;
    }

    private void writeSpace(ByteArrayOutputStream out) {
        if (escapeWhitespaces) {
            out.writeBytes(SPACE_SYMBOL);
        } else {
            out.write(' ');
        }
    }

    /** The rewrite of the text at byte {@code pos}: {@code length} input bytes become {@code replacement}. */
    private record Prefix(int length, byte[] replacement) {
        boolean isSpace() {
            return replacement.length == 1 && replacement[0] == ' ';
        }
    }

    /** SentencePiece's {@code NormalizePrefix}: user-defined piece, else longest rule, else one character. */
    private Prefix prefix(Utf8Text in, int pos) {
        if (hasUserDefined) {
            int[] longest = {-1};
            userDefined.forEachPrefix(in.text, in.charAt[pos], (end, id) -> longest[0] = end);
            if (longest[0] >= 0) {
                int length = in.byteAt(longest[0]) - pos;
                return new Prefix(length, Arrays.copyOfRange(in.bytes, pos, pos + length));
            }
        }
        PrecompiledCharsMap.Match rule = charsMap == null ? null : charsMap.longestPrefix(in.bytes, pos, in.bytes.length);
        if (rule != null) {
            return new Prefix(rule.length(), rule.replacement().getBytes(StandardCharsets.UTF_8));
        }
        int length = Utf8.length(in.text.codePointAt(in.charAt[pos]));
        return new Prefix(length, Arrays.copyOfRange(in.bytes, pos, pos + length));
    }
}
