package dev.transformers4j.tokenizers.marian;

import dev.transformers4j.tokenizers.sentencepiece.SentencePieceProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The tokenizer of Helsinki-NLP's opus-mt models (HF's slow {@code MarianTokenizer}, transformers
 * 4.x), from a folder with {@code source.spm}, {@code target.spm}, {@code vocab.json} and optionally
 * {@code tokenizer_config.json}. Two SentencePiece models cut the text — {@code source.spm} for the
 * text to translate, {@code target.spm} for translations — and {@code vocab.json}, shared by both
 * sides, maps the pieces to the model's ids (a piece missing from it is {@code <unk>}).
 *
 * <p>Encoding a text, as Python does: the special tokens ({@code </s>}, {@code <unk>}, {@code <pad>})
 * written in the text are kept whole; in each piece of text between them, a language code
 * {@code >>xx<<} at the start is one token (the regex {@code >>.+<<}, so it runs to the last
 * {@code <<} of the line) and every other match of it is removed; the rest goes through SentencePiece;
 * {@code </s>} is appended. Decoding maps ids back to pieces and lets the target model's SentencePiece
 * decoding join them ({@code ▁} → space, the leading space dropped).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MarianTokenizer {
    private final MarianTokenizerConfig config;
    private final Side source;
    private final Side target;
    private final Map<Integer, String> decoder;
    private final MarianDecoding decoding;

    /** One side of the translation: its SentencePiece model and the vocabulary its pieces map into. */
    record Side(SentencePieceProcessor spm, Map<String, Integer> vocab) {
    }

    MarianTokenizer(MarianTokenizerConfig config, Side source, Side target) {
        this.config = config;
        this.source = source;
        this.target = target;
        this.decoder = new HashMap<>(target.vocab().size() * 2);
        target.vocab().forEach((piece, id) -> decoder.put(id, piece));
        this.decoding = new MarianDecoding(config, target.spm());
    }

    /** Whether {@code dir} holds a Marian tokenizer ({@code source.spm}); {@link #fromFolder} checks the rest. */
    public static boolean isMarianFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("source.spm"));
    }

    /**
     * Loads {@code dir}. Throws {@link IllegalArgumentException} naming the file for a missing file, a file
     * that is not a SentencePiece model, an invalid {@code vocab.json} or one without the unk or eos token.
     */
    public static MarianTokenizer fromFolder(Path dir) {
        return MarianFolder.load(dir);
    }

    /** The ids of a text to translate, ending with {@code </s>} (HF {@code tokenizer(text)["input_ids"]}). */
    public int[] encodeSource(String text) {
        return encode(text, source);
    }

    /** The ids of a translation, ending with {@code </s>} (HF {@code tokenizer(text_target=text)}). */
    public int[] encodeTarget(String text) {
        return encode(text, target);
    }

    /** {@link #encodeSource} of each text. */
    public List<int[]> encodeSourceBatch(List<String> texts) {
        return texts.stream().map(this::encodeSource).toList();
    }

    /** The tokens of a text to translate, without {@code </s>} (HF {@code tokenizer.tokenize(text)}). */
    public List<String> tokenizeSource(String text) {
        return MarianTokens.tokenize(text, config.specialTokens(), source.spm());
    }

    /** The text of {@code ids}, special tokens skipped (HF {@code decode(ids, skip_special_tokens=True)}). */
    public String decode(int[] ids) {
        return decode(ids, true);
    }

    /** HF {@code decode(ids, skip_special_tokens=...)}; an id not in the vocabulary reads as the unk token. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            String special = specialToken(id);
            if (special == null) {
                tokens.add(decoder.getOrDefault(id, config.unkToken()));
            } else if (!skipSpecialTokens) {
                tokens.add(special);
            }
        }
        return decoding.tokensToString(tokens);
    }

    /** {@link #decode(int[])} of each sequence. */
    public List<String> decodeBatch(List<int[]> sequences) {
        return sequences.stream().map(this::decode).toList();
    }

    public int eosTokenId() {
        return specialId(config.eosToken());
    }

    public int unkTokenId() {
        return specialId(config.unkToken());
    }

    /** The pad token's id (if {@code vocab.json} lacks it, HF adds it after the vocabulary: {@link #vocabSize()}). */
    public int padTokenId() {
        return specialId(config.padToken());
    }

    /** HF {@code vocab_size}: the number of entries of {@code vocab.json}. */
    public int vocabSize() {
        return source.vocab().size();
    }

    public OptionalInt tokenToId(String token) {
        Integer id = source.vocab().get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The token of {@code id} on the target side, or {@code null}. */
    public String idToToken(int id) {
        return decoder.get(id);
    }

    public MarianTokenizerConfig config() {
        return config;
    }

    private int[] encode(String text, Side side) {
        List<String> tokens = MarianTokens.tokenize(text, config.specialTokens(), side.spm());
        int[] ids = new int[tokens.size() + 1];
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            ids[i] = config.specialTokens().contains(token) ? specialId(token) : idOf(token, side.vocab());
        }
        ids[tokens.size()] = specialId(config.eosToken());
        return ids;
    }

    /** The special token whose (source-side) id is {@code id}, as HF's added-tokens decoder finds it, or null. */
    private String specialToken(int id) {
        for (String token : config.specialTokens()) {
            if (specialId(token) == id) {
                return token;
            }
        }
        return null;
    }

    /** A special token's id: its {@code vocab.json} id, or (only the pad token can lack one) the next free id. */
    private int specialId(String token) {
        return source.vocab().getOrDefault(token, source.vocab().size());
    }

    private int idOf(String token, Map<String, Integer> vocab) {
        Integer id = vocab.get(token);
        return id != null ? id : vocab.get(config.unkToken());
    }
}
