package dev.transformers4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.transformers4j.tokenizers.train.BpeTrainer;
import dev.transformers4j.tokenizers.train.TokenizerRecipe;
import dev.transformers4j.tokenizers.train.TokenizerTrainer;
import dev.transformers4j.tokenizers.train.TrainedTokenizer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tokenizer trained here, saved as {@code tokenizer.json}, then loaded by HF's Rust tokenizers (through DJL,
 * from the saved folder) and by ours: both must give the same ids, tokens, offsets, masks and decodes on
 * random texts (different from the training corpus), and byte-level decoding must give back the text.
 */
class TrainedTokenizerDifferentialTest {
    private static final int TEXTS = 1500;

    @TempDir
    Path dir;

    /** A generated corpus: random texts with GPT-2's tricky fragments, and repeated sentences to learn merges from. */
    static List<String> corpus(long seed) {
        RandomText random = new RandomText(seed, RandomText.BYTE_LEVEL_FRAGMENTS);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            lines.add(random.next().replace("\n", " ").replace("\r", " "));
            lines.add(i % 3 == 0 ? "A man in a red shirt is playing with his dog." : "Zwei Männer stehen vor dem Gebäude.");
        }
        return lines;
    }

    @ParameterizedTest
    @EnumSource(TokenizerRecipe.class)
    void savedTokenizerLoadsInHfWithIdenticalResults(TokenizerRecipe recipe) throws IOException {
        Path corpus = dir.resolve("corpus.txt");
        Files.write(corpus, corpus(recipe.ordinal()));
        // whitespace: the random texts have ~900 distinct characters (~1500 with their ## forms); keep 300
        boolean whitespace = recipe == TokenizerRecipe.WHITESPACE;
        BpeTrainer bpe = BpeTrainer.defaults().withVocabSize(whitespace ? 1200 : 700)
                .withSpecialTokens(TokenizerTrainer.DEFAULT_SPECIAL_TOKENS).withLimitAlphabet(whitespace ? 300 : null);
        TrainedTokenizer trained = new TokenizerTrainer(recipe, whitespace, bpe, "</s>").train(List.of(corpus));
        assertThat(trained.vocabSize()).isEqualTo(bpe.vocabSize());
        Path saved = dir.resolve("tokenizer.json");
        try (OutputStream out = Files.newOutputStream(saved)) {
            trained.writeTo(out);
        }
        Tokenizer ours = Tokenizer.fromFile(saved);
        boolean lossless = recipe == TokenizerRecipe.BYTE_LEVEL;
        List<String> failures = new ArrayList<>();
        int unknowns = 0;
        RandomText random = new RandomText(100 + recipe.ordinal(), RandomText.BYTE_LEVEL_FRAGMENTS);
        try (HuggingFaceTokenizer djl = HuggingFaceTokenizer.newInstance(dir, Map.of("truncation", "false",
                "padding", "false")); HfReference ref = new HfReference(Files.readString(saved), Map.of())) {
            for (int i = 0; i < TEXTS; i++) {
                String a = random.next();
                String b = random.next();
                Encoding single = ours.encode(a);
                unknowns += (int) java.util.Arrays.stream(single.tokens()).filter("<unk>"::equals).count();
                ByteLevelDifferentialTest.check(failures, "single " + i, a, single, djl.encode(a));
                ByteLevelDifferentialTest.check(failures, "pair " + i, a + " | " + b, ours.encodePair(a, b),
                        djl.encode(a, b));
                ByteLevelDifferentialTest.checkDecode(failures, "decode " + i, ours, ref, single.ids());
                String decoded = ours.decode(ours.encode(a, false).ids(), false);
                if (lossless && !decoded.equals(a)) {
                    failures.add("lossless " + i + ": " + DifferentialTest.escape(a) + " came back as "
                            + DifferentialTest.escape(decoded));
                }
            }
        }
        // byte-level never needs <unk>; whitespace meets characters dropped from (or absent in) its alphabet
        assertThat(unknowns).as("<unk> tokens in the sweep").matches(n -> whitespace ? n > 0 : n == 0);
        ByteLevelDifferentialTest.report("trained " + recipe.displayName(), TEXTS * (lossless ? 5 : 4), failures);
    }
}
