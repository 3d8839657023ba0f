package dev.transformers4j.pipelines.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.Rng;
import dev.transformers4j.models.DecoderInput;
import dev.transformers4j.models.TokenBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nanoGPT's data preparation: the 90/10 split by tokens and random (x, y) windows. */
class TokenStreamTest {

    @TempDir
    Path tmp;

    /** 0, 1, 2, ..., n − 1: a window's content then says where it started. */
    private static TokenStream counting(int n) {
        return TokenStream.of(IntStream.range(0, n).toArray());
    }

    @Test
    void splitsTheFirstNinetyPercentForTrainingAsNanoGpt() {
        TokenStream.Split s = counting(1000).split();
        assertThat(s.train().size()).isEqualTo(900);
        assertThat(s.validation().size()).isEqualTo(100);
        assertThat(s.validation().ids()[0]).isEqualTo(900);
        // tinyshakespeare's 1,115,394 characters: int(0.9 * n) = 1,003,854 for training
        TokenStream.Split shakespeare = counting(1_115_394).split();
        assertThat(shakespeare.train().size()).isEqualTo(1_003_854);
        assertThat(shakespeare.validation().size()).isEqualTo(111_540);
        assertThatThrownBy(() -> counting(10).split(1.0)).hasMessageContaining("(0, 1)");
    }

    @Test
    void samplesContiguousWindowsWithTargetsShiftedByOne() {
        int batch = 5;
        int context = 8;
        LmBatch b = counting(100).sample(batch, context, new Rng(1));
        TokenBatch x = b.inputs();
        int[] y = b.targets();
        assertThat(x.batch()).isEqualTo(batch);
        assertThat(x.length()).isEqualTo(context);
        assertThat(y).hasSize(batch * context);
        assertThat(x.attentionMask()).containsOnly(1);
        assertThat(x.typeIds()).containsOnly(0);
        for (int r = 0; r < batch; r++) {
            int start = x.ids()[r * context];
            for (int t = 0; t < context; t++) {
                assertThat(x.ids()[r * context + t]).isEqualTo(start + t);
                assertThat(y[r * context + t]).isEqualTo(start + t + 1);
            }
        }
        DecoderInput d = b.decoderInput();
        assertThat(d.positionIds()).startsWith(0, 1, 2, 3, 4, 5, 6, 7, 0);
        assertThat(b.windowBatch().length()).isEqualTo(context + 1);
        assertThat(b.windowLabels()).containsExactly(b.windowBatch().ids());
        assertThat(b.targetCount()).isEqualTo(40);
    }

    @Test
    void samplingIsSeededAndReachesEveryStart() {
        TokenStream s = counting(20);
        assertThat(s.sample(4, 5, new Rng(42)).windows()).containsExactly(s.sample(4, 5, new Rng(42)).windows());
        assertThat(s.sample(4, 5, new Rng(42)).windows()).isNotEqualTo(s.sample(4, 5, new Rng(43)).windows());
        Set<Integer> starts = new HashSet<>();
        Rng rng = new Rng(7);
        for (int i = 0; i < 500; i++) {
            starts.add(s.sample(1, 5, rng).windows()[0]);
        }
        assertThat(starts).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 15).boxed().toList());
    }

    @Test
    void sequentialBatchesPredictEveryTokenOnce() {
        var batches = counting(26).sequentialBatches(2, 5);     // (26 − 1) / 5 = 5 windows: 2 + 2 + 1
        assertThat(batches).extracting(LmBatch::batch).containsExactly(2, 2, 1);
        int[] targets = batches.stream().flatMapToInt(b -> IntStream.of(b.targets())).toArray();
        assertThat(targets).containsExactly(IntStream.rangeClosed(1, 25).toArray());
    }

    @Test
    void refusesStreamsShorterThanOneWindow() {
        assertThatThrownBy(() -> counting(8).sample(1, 8, new Rng(0)))
                .hasMessage("the text has 8 tokens, fewer than one window of context + 1 = 9");
        assertThatThrownBy(() -> counting(8).sample(0, 2, new Rng(0))).hasMessageContaining("must be >= 1");
    }

    @Test
    void readsAndTokenizesAFileWithTheCharTokenizer() throws IOException {
        Path file = Files.writeString(tmp.resolve("input.txt"), CharTokenizerBuilderTest.SAMPLE, StandardCharsets.UTF_8);
        String text = TextFiles.read(file);
        CorpusTokenizer tok = CorpusTokenizer.resolve("char", text);
        TokenStream s = TokenStream.read(file, tok.tokenizer());
        assertThat(s.size()).isEqualTo(text.codePointCount(0, text.length()));
        assertThat(tok.tokenizer().decode(s.ids(), false)).isEqualTo(text);
        Path bad = tmp.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', '\n', (byte) 0xC3, '(', '\n'});
        assertThatThrownBy(() -> TokenStream.read(bad, tok.tokenizer())).isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(bad + ":2: not valid UTF-8");
    }
}
