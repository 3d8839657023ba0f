package dev.transformers4j.tokenizers.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transformers4j.tokenizers.added.AddedToken;
import dev.transformers4j.tokenizers.decoders.ByteLevelDecoder;
import dev.transformers4j.tokenizers.decoders.WordPieceDecoder;
import dev.transformers4j.tokenizers.json.TokenizerJsonWriter;
import dev.transformers4j.tokenizers.models.BPE;
import dev.transformers4j.tokenizers.normalizers.Lowercase;
import dev.transformers4j.tokenizers.pretokenizers.ByteLevel;
import dev.transformers4j.tokenizers.pretokenizers.Whitespace;
import dev.transformers4j.tokenizers.pretokenizers.WhitespaceSplit;
import dev.transformers4j.tokenizers.processors.PostProcessor;
import dev.transformers4j.tokenizers.processors.TemplateProcessing;
import dev.transformers4j.tokenizers.processors.TemplateProcessing.SequencePiece;
import dev.transformers4j.tokenizers.processors.TemplateProcessing.SpecialTokenPiece;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Trained against HF tokenizers itself: {@code trainer/hf-*.tokenizer.json} are what HF's {@code BpeTrainer}
 * (defaults: vocabulary 30000, so every pair is merged) learned from {@code trainer/corpus.txt} and saved
 * ({@code trainer/hf-train-fixtures.js}). Our training of the same corpus with the same pipeline must write
 * the same file byte for byte — vocabulary, merge order (HF's tie-breaks), and format; and a smaller
 * vocabulary must be HF's cut short, as HF stops merging at the size.
 */
class HfTrainerFixtureTest {
    private static final BPE.Options NO_OPTIONS = BPE.Options.gpt2();

    static Path resource(String name) {
        try {
            return Path.of(HfTrainerFixtureTest.class.getResource("/trainer/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource /trainer/" + name, e);
        }
    }

    private static String hf(String name) throws IOException {
        return Files.readString(resource(name), StandardCharsets.UTF_8);
    }

    @Test
    void byteLevelIsHfByteForByte() throws IOException {
        WordCounts words = new WordCounter(null, new ByteLevel(false, true)).countFiles(List.of(resource("corpus.txt")));
        TrainedBpe bpe = BpeTrainer.defaults().train(words);
        String ours = TokenizerJsonWriter.bpe(List.of(), null, new ByteLevel(false, true), PostProcessor.NONE,
                ByteLevelDecoder.INSTANCE, bpe.vocab(), bpe.merges(), NO_OPTIONS);
        assertThat(ours).isEqualTo(hf("hf-byte-level.tokenizer.json"));
    }

    @Test
    void whitespaceLowercaseIsHfByteForByte() throws IOException {
        WordCounts words = new WordCounter(Lowercase.INSTANCE, Whitespace.INSTANCE)
                .countFiles(List.of(resource("corpus.txt")));
        TrainedBpe bpe = BpeTrainer.defaults().train(words);
        String ours = TokenizerJsonWriter.bpe(List.of(), Lowercase.INSTANCE, Whitespace.INSTANCE, PostProcessor.NONE,
                null, bpe.vocab(), bpe.merges(), NO_OPTIONS);
        assertThat(ours).isEqualTo(hf("hf-whitespace-lowercase.tokenizer.json"));
    }

    /** Added tokens, a template post-processor and a WordPiece decoder, written as HF writes them. */
    @Test
    void addedTokensTemplateAndDecoderAreHfByteForByte() throws IOException {
        WordCounts words = new WordCounter(null, WhitespaceSplit.INSTANCE).countFiles(List.of(resource("corpus.txt")));
        TrainedBpe bpe = BpeTrainer.defaults().train(words);
        List<AddedToken> added = new ArrayList<>();
        for (String token : List.of("<pad>", "</s>", "<unk>", "<s>")) { // HF added them after training
            added.add(new AddedToken(bpe.vocab().size() + added.size(), token, false, false, false, false, true));
        }
        int eos = bpe.vocab().size() + 1;
        TemplateProcessing template = new TemplateProcessing(
                List.of(new SequencePiece(true, 0), new SpecialTokenPiece("</s>", 0)),
                List.of(new SequencePiece(true, 0), new SequencePiece(false, 1), new SpecialTokenPiece("</s>", 1)),
                Map.of("</s>", new TemplateProcessing.SpecialToken("</s>", List.of(eos), List.of("</s>"))));
        String ours = TokenizerJsonWriter.bpe(added, null, WhitespaceSplit.INSTANCE, template,
                new WordPieceDecoder("##", true), bpe.vocab(), bpe.merges(), NO_OPTIONS);
        assertThat(ours).isEqualTo(hf("hf-template.tokenizer.json"));
    }

    /** 60 small random corpora over 2-4 letters, full of equally frequent pairs: HF's vocabulary and merge order. */
    @Test
    void randomCorporaMatchHf() throws IOException {
        JsonNode corpora = new ObjectMapper().readTree(hf("hf-random-corpora.json"));
        assertThat(corpora).hasSize(60);
        int merges = 0;
        for (int k = 0; k < corpora.size(); k++) {
            JsonNode corpus = corpora.get(k);
            List<String> lines = new ArrayList<>();
            corpus.get("lines").forEach(l -> lines.add(l.asText()));
            List<String> hfVocab = new ArrayList<>();
            corpus.get("vocab").forEach(t -> hfVocab.add(t.asText()));
            List<BPE.Merge> hfMerges = new ArrayList<>();
            corpus.get("merges").forEach(m -> hfMerges.add(new BPE.Merge(m.get(0).asText(), m.get(1).asText())));
            TrainedBpe bpe = BpeTrainer.defaults().train(new WordCounter(null, WhitespaceSplit.INSTANCE).countTexts(lines));
            assertThat(bpe.vocab()).as("corpus %d", k).isEqualTo(hfVocab);
            assertThat(bpe.merges()).as("corpus %d", k).isEqualTo(hfMerges);
            merges += hfMerges.size();
        }
        assertThat(merges).isGreaterThan(3000);
    }

    /** HF's loop stops as soon as the vocabulary has vocab_size tokens: the first ids and merges of the full run. */
    @Test
    void smallerVocabulariesAreHfCutShort() throws IOException {
        JsonNode model = new ObjectMapper().readTree(hf("hf-byte-level.tokenizer.json")).get("model");
        List<String> hfVocab = new ArrayList<>();
        model.get("vocab").properties().forEach(e -> hfVocab.add(e.getKey()));
        List<BPE.Merge> hfMerges = new ArrayList<>();
        model.get("merges").forEach(m -> hfMerges.add(new BPE.Merge(m.get(0).asText(), m.get(1).asText())));
        int alphabet = hfVocab.size() - hfMerges.size();
        WordCounts words = new WordCounter(null, new ByteLevel(false, true)).countFiles(List.of(resource("corpus.txt")));
        for (int size : new int[] {1, alphabet, alphabet + 1, alphabet + 37, 400, hfVocab.size() - 1}) {
            TrainedBpe bpe = BpeTrainer.defaults().withVocabSize(size).train(words);
            int expected = Math.max(size, alphabet);
            assertThat(bpe.vocab()).as("vocab_size %d", size).isEqualTo(hfVocab.subList(0, expected));
            assertThat(bpe.merges()).as("vocab_size %d", size).isEqualTo(hfMerges.subList(0, expected - alphabet));
        }
    }
}
