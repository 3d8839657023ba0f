package dev.transformers4j.tokenizers;

import java.util.List;
import java.util.Random;

/** Seeded random texts that hit the tricky parts of BERT (and, with extra fragments, GPT-2) tokenization. */
final class RandomText {
    private static final List<String> FRAGMENTS = List.of(
            "hello", "World", "tokenizer", "the", "can't", "won't", "I'm", "naïve", "Café", "résumé", "ÉCOLE",
            "e\u0301cole", "a\u0323\u0301", "\u0301\u0323x", "ñ", "n\u0303", "İstanbul", "ΣΊΣΥΦΟΣ", "straße", "ﬁ",
            "①", "½", "Ⅻ", "ＡＢＣ", "我爱自然语言处理", "東京タワー", "カタカナ", "한국어", "ひらがな", "𠀀𠀁",
            "👍", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🤗", "🍕!", "❤️", "Привет", "Ελληνικά", "مرحبا", "שלום", "नमस्ते",
            "สวัสดี", "\u0000", "\u0007", "\u001b[0m", "\u000b", "\u000c", "\u200b", "\u200d", "\ufeff", "\u007f",
            "\u00ad", "\ufffd", "\u0085", "\u00a0", "\u3000", "\u2028", "\u2029", "\t", "\n", "\r\n", "   ", " ",
            "[MASK]", "[CLS]", "[SEP]", "[UNK]", "[PAD]", "[mask]", "[MASK", "x[MASK]y", "...", "!!!", "?!", "--",
            "___", "3.14159", "1,000", "0x1F", "https://huggingface.co/docs?q=a&b=c#frag", "user@example.com",
            "(", ")", "\"", "'", "«", "»", "—", "–", "…", "¿", "¡", "§", "©", "™", "°", "±", "∑", "√", "€", "$",
            "\u061d", "\u08d4", "\u1dfa", "\ud804\udc4f");

    /** What trips up byte-level BPE: contractions, whitespace runs, digits, long runs, GPT-2's special token. */
    static final List<String> BYTE_LEVEL_FRAGMENTS = List.of(
            "don't", "I'll", "we've", "they're", "she'd", "it's", "I'M", "'S", "'ll've", "rock'n'roll", "’s", "''",
            "<|endoftext|>", "<|endoftext|", "<|endoftext|><|endoftext|>", "x<|endoftext|>y", " <|endoftext|> ",
            "\n\n  \t", "\n\n", "    ", "\t\t", " \n ", "\r\n\r\n", "\u00a0\u00a0", " \u3000 ", "\u2003x",
            "1234567890", "3.14", "2024-05-01", "٣٤٥", "¼", "0", "$100", "100%",
            "😀👍🏿", "👩🏽‍💻", "🇯🇵", "⚡️", "Ω≈ç√", "𝕳𝖊𝖑𝖑𝖔", "ﷺ", "a\u0308\u0301", "ǅ", "ŉ", "ﬀ",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "!!!!!!!!!!!!!!!!",
            "supercalifragilisticexpialidocious", "АБВгд", "日本語のテキスト", "中文English混合", "ąęł");

    private final Random random;
    private final List<String> fragments;

    RandomText(long seed) {
        this(seed, List.of());
    }

    /** Draws from the BERT fragments plus {@code extraFragments}. */
    RandomText(long seed, List<String> extraFragments) {
        random = new Random(seed);
        fragments = new java.util.ArrayList<>(FRAGMENTS);
        fragments.addAll(extraFragments);
    }

    String next() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return longWord();
        }
        if (kind == 1) {
            return randomCodePoints(1 + random.nextInt(12));
        }
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(14);
        for (int i = 0; i < n; i++) {
            sb.append(fragments.get(random.nextInt(fragments.size())));
            if (random.nextInt(3) > 0) {
                sb.append(random.nextInt(8) == 0 ? "  " : " ");
            }
        }
        return sb.toString();
    }

    private String longWord() {
        StringBuilder sb = new StringBuilder();
        int length = 90 + random.nextInt(30);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        if (random.nextBoolean()) {
            sb.insert(random.nextInt(sb.length()), "é");
        }
        return "word " + sb + " end";
    }

    private String randomCodePoints(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp;
            do {
                cp = random.nextInt(4) == 0 ? random.nextInt(0x40000) : random.nextInt(0x3000);
            } while (cp >= 0xD800 && cp <= 0xDFFF);
            sb.appendCodePoint(cp);
            if (random.nextInt(3) == 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }
}
