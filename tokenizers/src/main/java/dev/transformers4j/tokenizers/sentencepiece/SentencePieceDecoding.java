package dev.transformers4j.tokenizers.sentencepiece;

import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.ModelProto.SentencePiece.Type;
import dev.transformers4j.tokenizers.sentencepiece.proto.SentencePieceModelProto.NormalizerSpec;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SentencePiece's {@code Decode(pieces)}: each piece's surface text is concatenated. Control pieces
 * ({@code <s>}, {@code </s>}) are invisible; {@code <unk>} reads as the model's {@code unk_surface}
 * ({@code " ⁇ "}); a string that is not a piece is copied as it is; {@code ▁} becomes a space, and
 * while nothing has been written yet (when the model adds a dummy prefix or removes extra spaces) a
 * leading {@code ▁} is dropped. Runs of {@code <0xNN>} pieces are decoded as UTF-8, each invalid byte
 * becoming U+FFFD.
 */
final class SentencePieceDecoding {
    private static final Pattern BYTE_PIECE = Pattern.compile("<0x[0-9A-F]{2}>");

    private final SentencePieceProcessor processor;
    private final SentencePieceModel model;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    SentencePieceDecoding(SentencePieceProcessor processor) {
        this.processor = processor;
        this.model = processor.model();
    }

    String decode(List<String> pieces) {
        boolean atStart = true;
        boolean bosWhitespaceSeen = false;
        for (String piece : pieces) {
            int id = processor.pieceToId(piece);
            if (model.pieces().get(id).type() == Type.BYTE && BYTE_PIECE.matcher(piece).matches()) {
                bytes.write(Integer.parseInt(piece.substring(3, 5), 16));
                continue;
            }
            flushBytes();
            atStart &= !bosWhitespaceSeen && text.isEmpty();
            bosWhitespaceSeen = appendSurface(piece, id, atStart);
        }
        flushBytes();
        return text.toString();
    }

    /** Appends the surface of one piece; returns whether it consumed a leading {@code ▁} that counts as seen. */
    private boolean appendSurface(String piece, int id, boolean atStart) {
        Type type = model.pieces().get(id).type();
        if (type == Type.CONTROL) {
            return false;
        }
        if (type == Type.UNKNOWN) {
            text.append(piece.equals(model.pieces().get(id).piece()) ? model.trainerSpec().getUnkSurface() : piece);
            return false;
        }
        NormalizerSpec spec = model.normalizerSpec();
        boolean consumed = false;
        if (atStart && (spec.getAddDummyPrefix() || spec.getRemoveExtraWhitespaces()) && piece.startsWith("\u2581")) {
            piece = piece.substring(1);
            consumed = !spec.getRemoveExtraWhitespaces();
        }
        text.append(piece.replace('\u2581', ' '));
        return consumed;
    }

    /** The pending {@code <0xNN>} bytes as text: each valid UTF-8 character, or U+FFFD per invalid byte. */
    private void flushBytes() {
        byte[] b = bytes.toByteArray();
        bytes.reset();
        for (int i = 0; i < b.length; ) {
            int[] decoded = decodeOne(b, i);
            text.appendCodePoint(decoded[0]);
            i += decoded[1];
        }
    }

    /** SentencePiece's {@code DecodeUTF8}: {code point, length}, or {U+FFFD, 1} for an invalid sequence. */
    private static int[] decodeOne(byte[] b, int i) {
        int lead = b[i] & 0xFF;
        int left = b.length - i;
        if (lead < 0x80) {
            return new int[] {lead, 1};
        }
        int length = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
        if (length == 0 || left < length) {
            return new int[] {0xFFFD, 1};
        }
        int cp = lead & (0x7F >> length);
        for (int k = 1; k < length; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return new int[] {0xFFFD, 1};
            }
            cp = cp << 6 | (b[i + k] & 0x3F);
        }
        int min = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        boolean valid = cp >= min && (cp < 0xD800 || cp >= 0xE000 && cp <= 0x10FFFF);
        return valid ? new int[] {cp, length} : new int[] {0xFFFD, 1};
    }
}
