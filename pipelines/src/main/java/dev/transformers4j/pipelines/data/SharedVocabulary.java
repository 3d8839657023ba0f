package dev.transformers4j.pipelines.data;

import dev.transformers4j.tokenizers.train.TokenizerTrainer;
import dev.transformers4j.tokenizers.train.TrainedTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one vocabulary (and tokenizer) a translation model trained here uses for both languages (§3.4 shares one embedding matrix between source
 * and target, so they share one vocabulary), with the special tokens Marian's config names: {@code </s>} ends
 * every sentence ({@code eos_token_id}) and {@code <pad>} pads batches and starts the decoder
 * ({@code pad_token_id} = {@code decoder_start_token_id}, as in opus-mt).
 *
 * <p>Sentences are encoded as Marian's tokenizer encodes them, source and target alike: the tokens, then
 * {@code </s>}. A sentence longer than the model's positions is truncated as HF truncates
 * ({@code truncation=True, max_length=N}): the first N − 1 tokens are kept and {@code </s>} stays last.
 */
public final class SharedVocabulary {

    public static final String EOS = "</s>";
    public static final String PAD = "<pad>";

    /** Encoded sentences: ids ending in {@code </s>}, how many were cut, and the longest length before cutting. */
    public record Encoded(List<int[]> ids, int truncated, int longest) {
    }

    private final CorpusTokenizer corpus;
    private final int eosId;
    private final int padId;

    private SharedVocabulary(CorpusTokenizer corpus) {
        this.corpus = corpus;
        this.eosId = requireToken(corpus, EOS);
        this.padId = requireToken(corpus, PAD);
    }

    /**
     * The tokenizer {@code --tokenizer} names: {@code "char"}, the characters of the training text (both sides)
     * with {@code <unk>}, {@code </s>} and {@code <pad>}; a {@code tokenizer.json} or tokenizer folder that has
     * {@code </s>} and {@code <pad>}; or null for a shared byte-level BPE trained on the training text.
     */
    public static SharedVocabulary resolve(String spec, ParallelText train, int vocabSize) {
        if (spec == null) {
            return trainSharedBpe(train, vocabSize);
        }
        if (spec.equals("char")) {
            String text = String.join("", train.source()) + String.join("", train.target());
            return new SharedVocabulary(CorpusTokenizer.characters(CharTokenizerBuilder.fromText(text)
                    .withSpecialTokens(List.of(EOS, PAD), EOS)));
        }
        return new SharedVocabulary(CorpusTokenizer.fromPath(java.nio.file.Path.of(spec)));
    }

    /**
     * A shared byte-level BPE of {@code vocabSize} tokens ({@code <pad> </s> <unk> <s>} first, HF's BpeTrainer),
     * trained on the source and target training text together, when no tokenizer is given.
     */
    static SharedVocabulary trainSharedBpe(ParallelText train, int vocabSize) {
        List<String> texts = new ArrayList<>(train.source());
        texts.addAll(train.target());
        TrainedTokenizer bpe = TokenizerTrainer.translation(vocabSize).trainFromTexts(texts);
        return new SharedVocabulary(CorpusTokenizer.trained(bpe, "a shared byte-level BPE of " + bpe.vocabSize()
                + " tokens trained on both sides of the training text"));
    }

    /** Each sentence's ids then {@code </s>}, at most {@code maxLength} ids ({@code </s>} kept last). */
    public Encoded encodeAll(List<String> sentences, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("max length: expected >= 1 but was " + maxLength);
        }
        List<int[]> out = new ArrayList<>(sentences.size());
        int truncated = 0;
        int longest = 0;
        for (String s : sentences) {
            int[] tokens = corpus.tokenizer().encode(s, false).ids();
            int n = Math.min(tokens.length, maxLength - 1);
            int[] ids = Arrays.copyOf(tokens, n + 1);
            ids[n] = eosId;
            out.add(ids);
            truncated += tokens.length > n ? 1 : 0;
            longest = Math.max(longest, tokens.length + 1);
        }
        return new Encoded(out, truncated, longest);
    }

    public CorpusTokenizer corpus() {
        return corpus;
    }

    public int eosId() {
        return eosId;
    }

    public int padId() {
        return padId;
    }

    public int vocabSize() {
        return corpus.vocabSize();
    }

    private static int requireToken(CorpusTokenizer corpus, String token) {
        return corpus.tokenizer().tokenToId(token).orElseThrow(() -> new IllegalArgumentException("--tokenizer "
                + corpus.description() + ": the vocabulary has no " + token + " token (a translation tokenizer needs "
                + EOS + " to end sentences and " + PAD + " to pad them and start the decoder)"));
    }
}
