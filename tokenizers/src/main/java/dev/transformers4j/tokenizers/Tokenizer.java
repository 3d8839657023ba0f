package dev.transformers4j.tokenizers;

import dev.transformers4j.tokenizers.added.AddedToken;
import dev.transformers4j.tokenizers.encoding.Encodings;
import dev.transformers4j.tokenizers.encoding.Padder;
import dev.transformers4j.tokenizers.encoding.TokenSequence;
import dev.transformers4j.tokenizers.encoding.Truncator;
import dev.transformers4j.tokenizers.json.TokenizerJson;
import dev.transformers4j.tokenizers.json.VocabAndMerges;
import dev.transformers4j.tokenizers.text.PreTokenizedString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A Hugging Face {@code tokenizers}-compatible tokenizer loaded from {@code tokenizer.json}, with the
 * same results as HF's Rust implementation (ids, tokens, offsets, masks, decode).
 *
 * <p>Encoding a text runs HF's pipeline: added tokens such as {@code [MASK]} are cut out of the raw text;
 * the rest is normalized, pre-tokenized into words and tokenized by the model; the sequences are
 * truncated (leaving room for the special tokens), post-processed ({@code [CLS] $A [SEP]}) and padded.
 * Instances are immutable and thread-safe; {@link #withTruncation} and {@link #withPadding} return copies.
 *
 * <p>Loading: {@link #fromFile} ({@code tokenizer.json}), {@link #fromVocabAndMerges} (GPT-2's
 * {@code vocab.json} + {@code merges.txt}), or {@link #fromFolder} (whichever a model folder has) apply the
 * truncation and padding sections of {@code tokenizer.json}, as HF's Rust {@code Tokenizer.from_file} does
 * (all-MiniLM-L6-v2's file pads every text to 128 tokens). {@link #fromPretrained} is transformers'
 * {@code AutoTokenizer.from_pretrained}: every token, unpadded, unless asked for with {@link #withTruncation} or
 * {@link #withPadding}.
 */
public final class Tokenizer {
    private final Pipeline pipeline;
    private final Truncation truncation;
    private final Padding padding;

    /** @param truncation {@code null} for none; @param padding {@code null} for none */
    public Tokenizer(Pipeline pipeline, Truncation truncation, Padding padding) {
        this.pipeline = pipeline;
        this.truncation = truncation;
        this.padding = padding;
    }

    /**
     * Loads {@code tokenizer.json}. Throws {@link java.io.UncheckedIOException} if the file cannot be read,
     * and {@link IllegalArgumentException} naming the file (and field) for invalid UTF-8, invalid JSON,
     * a missing field or an unsupported component type.
     */
    public static Tokenizer fromFile(Path tokenizerJson) {
        return fromJson(TokenizerFiles.readUtf8(tokenizerJson), tokenizerJson.toString());
    }

    /**
     * Loads GPT-2's original tokenizer files, {@code vocab.json} and {@code merges.txt} (OpenAI's
     * {@code encoder.json} and {@code vocab.bpe}), into the pipeline HF's {@code GPT2TokenizerFast} builds
     * from them: byte-level pre-tokenizer, BPE, byte-level post-processor and decoder, and
     * {@code <|endoftext|>} as a special token. Errors name the file (and the line of {@code merges.txt}).
     */
    public static Tokenizer fromVocabAndMerges(Path vocabJson, Path mergesTxt) {
        return new Tokenizer(VocabAndMerges.gpt2(TokenizerFiles.readUtf8(vocabJson), vocabJson.toString(),
                TokenizerFiles.readUtf8(mergesTxt), mergesTxt.toString()), null, null);
    }

    /**
     * Loads the tokenizer of a model folder: {@code tokenizer.json} if there is one, else GPT-2's
     * {@code vocab.json} + {@code merges.txt}. Throws {@link IllegalArgumentException} naming the folder
     * and the files looked for if there is neither.
     */
    public static Tokenizer fromFolder(Path dir) {
        Path json = dir.resolve("tokenizer.json");
        if (Files.isRegularFile(json)) {
            return fromFile(json);
        }
        Path vocab = dir.resolve("vocab.json");
        Path merges = dir.resolve("merges.txt");
        if (Files.isRegularFile(vocab) && Files.isRegularFile(merges)) {
            return fromVocabAndMerges(vocab, merges);
        }
        throw new IllegalArgumentException("No tokenizer in folder " + dir + ": looked for tokenizer.json, or for "
                + "vocab.json + merges.txt" + (Files.isDirectory(dir) ? " (found "
                + (Files.isRegularFile(vocab) ? "only vocab.json" : Files.isRegularFile(merges) ? "only merges.txt"
                : "neither") + ")" : " (not a directory)"));
    }

    /**
     * transformers' {@code AutoTokenizer.from_pretrained(path)}: the tokenizer of a folder ({@code tokenizer.json},
     * else {@code vocab.json} + {@code merges.txt}; no {@code config.json} needed) or of a {@code tokenizer.json}
     * file, with the file's truncation and padding off. As transformers' {@code tokenizer(text)}, {@link #encode}
     * then gives every token and no padding; {@code tokenizer(text, truncation=True, max_length=n)} is
     * {@code withTruncation(Truncation.of(n))}, and {@code tokenizer(texts, padding=True)} is
     * {@code withPadding(Padding.batchLongest())} with {@link #encodeBatch}.
     */
    public static Tokenizer fromPretrained(Path folderOrFile) {
        Tokenizer t = Files.isDirectory(folderOrFile) ? fromFolder(folderOrFile) : fromFile(folderOrFile);
        return t.withTruncation(null).withPadding(null);
    }

    /** Parses the content of a {@code tokenizer.json}; {@code sourceName} is used in error messages. */
    public static Tokenizer fromJson(String json, String sourceName) {
        TokenizerJson.Parts parts = TokenizerJson.parse(json, sourceName);
        return new Tokenizer(parts.pipeline(), parts.truncation(), parts.padding());
    }

    /** HF {@code encode(text, add_special_tokens=True)} with the configured truncation and padding. */
    public Encoding encode(String text) {
        return encode(text, true);
    }

    public Encoding encode(String text, boolean addSpecialTokens) {
        return Encodings.toEncoding(pad(List.of(encodeUnpadded(text, null, addSpecialTokens))).getFirst());
    }

    /** HF {@code encode(a, b)}: a sentence pair ({@code [CLS] a [SEP] b [SEP]} for BERT, type ids 0 then 1). */
    public Encoding encodePair(String a, String b) {
        return encodePair(a, b, true);
    }

    public Encoding encodePair(String a, String b, boolean addSpecialTokens) {
        return Encodings.toEncoding(pad(List.of(encodeUnpadded(a, b, addSpecialTokens))).getFirst());
    }

    /** HF {@code encode_batch}: each text encoded, then batch-longest padding applies across the batch. */
    public List<Encoding> encodeBatch(List<String> texts) {
        return encodeBatch(texts, true);
    }

    public List<Encoding> encodeBatch(List<String> texts, boolean addSpecialTokens) {
        List<TokenSequence> batch = new ArrayList<>(texts.size());
        for (String text : texts) {
            batch.add(pad(List.of(encodeUnpadded(text, null, addSpecialTokens))).getFirst());
        }
        return pad(batch).stream().map(Encodings::toEncoding).toList();
    }

    /**
     * HF {@code decode}: ids to tokens (unknown ids are dropped), special added tokens dropped when
     * {@code skipSpecialTokens}, then the decoder joins them (no decoder: joined with spaces).
     */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            String token = idToToken(id);
            if (token == null) {
                continue;
            }
            AddedToken added = pipeline.addedVocabulary().byContent(token);
            if (!(skipSpecialTokens && added != null && added.special())) {
                tokens.add(token);
            }
        }
        return pipeline.decoder() == null ? String.join(" ", tokens) : pipeline.decoder().decode(tokens);
    }

    /** A copy with other truncation, or none ({@code null}). */
    public Tokenizer withTruncation(Truncation newTruncation) {
        return new Tokenizer(pipeline, newTruncation, padding);
    }

    /** A copy with other padding, or none ({@code null}). */
    public Tokenizer withPadding(Padding newPadding) {
        return new Tokenizer(pipeline, truncation, newPadding);
    }

    /** The truncation in effect, {@code null} if none. */
    public Truncation truncation() {
        return truncation;
    }

    /** The padding in effect, {@code null} if none. */
    public Padding padding() {
        return padding;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** HF {@code get_vocab_size(with_added_tokens=True)}. */
    public int vocabSize() {
        int extra = (int) pipeline.addedVocabulary().tokens().stream()
                .filter(t -> pipeline.model().tokenToId(t.content()).isEmpty()).count();
        return pipeline.model().vocabSize() + extra;
    }

    /** The id of {@code token}, added tokens first, then the model's vocabulary. */
    public OptionalInt tokenToId(String token) {
        AddedToken added = pipeline.addedVocabulary().byContent(token);
        return added != null ? OptionalInt.of(added.id()) : pipeline.model().tokenToId(token);
    }

    /** The token of {@code id}, or {@code null} if there is none. */
    public String idToToken(int id) {
        AddedToken added = pipeline.addedVocabulary().byId(id);
        return added != null ? added.content() : pipeline.model().idToToken(id);
    }

    /** One text through normalizer, pre-tokenizer and model (HF's {@code encode_single_sequence}). */
    private TokenSequence encodeSequence(String text, int typeId) {
        PreTokenizedString words = pipeline.addedVocabulary().extractAndNormalize(pipeline.normalizer(), text);
        if (pipeline.preTokenizer() != null) {
            pipeline.preTokenizer().preTokenize(words);
        }
        words.tokenize(pipeline.model());
        return words.toTokenSequence(typeId, typeId);
    }

    /** HF's {@code encode} + {@code post_process} up to (not including) padding. */
    private TokenSequence encodeUnpadded(String a, String b, boolean addSpecialTokens) {
        TokenSequence first = encodeSequence(a, 0);
        TokenSequence second = b == null ? null : encodeSequence(b, 1);
        if (truncation != null) {
            TokenSequence[] cut = Truncator.truncate(first, second, roomForSpecialTokens(b != null, addSpecialTokens));
            first = cut[0];
            second = cut[1];
        }
        first = first.withSequenceId(0);
        second = second == null ? null : second.withSequenceId(1);
        return pipeline.postProcessor().process(first, second, addSpecialTokens);
    }

    private Truncation roomForSpecialTokens(boolean isPair, boolean addSpecialTokens) {
        int added = addSpecialTokens ? pipeline.postProcessor().addedTokens(isPair) : 0;
        if (added > truncation.maxLength()) {
            throw new IllegalArgumentException("Truncation max_length " + truncation.maxLength()
                    + " is smaller than the " + added + " special tokens the post-processor adds");
        }
        return new Truncation(truncation.maxLength() - added, truncation.strategy(), truncation.stride(),
                truncation.direction());
    }

    private List<TokenSequence> pad(List<TokenSequence> batch) {
        return padding == null ? batch : Padder.pad(batch, padding);
    }
}
