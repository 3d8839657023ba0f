package dev.transformers4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.Workspace;
import dev.transformers4j.core.nn.HookHandle;
import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.bert.BertModel;
import dev.transformers4j.models.gpt2.GPT2Config;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.io.Init;
import dev.transformers4j.models.marian.MarianConfig;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.models.marian.Seq2SeqLMOutput;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forward passes' {@link Workspace} (on by default; the tests run it in poison mode, every recycled array
 * filled with NaN): results bit-identical with it off, outputs kept by the caller never overwritten, hooks,
 * threads, training and exceptions, and the allocation it saves. Tiny models with odd sizes and random weights, on
 * the reference kernels (the Vector API kernels' results still depend on the JIT's state, issue 12 part 7, so two
 * runs are compared bit for bit only there; the goldens cover the vector kernels with the workspace on).
 */
class WorkspaceTest {

    private static Kernels previous;

    @BeforeAll
    static void referenceKernels() {
        previous = Backend.current();
        Backend.use(Backend.create(Backend.REFERENCE, 1));
    }

    @AfterAll
    static void restore() {
        Backend.use(previous);
    }

    private static final BertConfig BERT = BertConfig.base(101).toBuilder().hiddenSize(36).numHiddenLayers(2)
            .numAttentionHeads(3).intermediateSize(37).maxPositionEmbeddings(64).build();
    private static final GPT2Config GPT2 = GPT2Config.small().toBuilder().vocabSize(97).nPositions(32).nEmbd(36)
            .nLayer(2).nHead(3).nInner(37).build();
    private static final MarianConfig MARIAN = MarianConfig.small(89).toBuilder().dModel(36).encoderLayers(2)
            .decoderLayers(2).encoderAttentionHeads(3).decoderAttentionHeads(3).encoderFfnDim(37).decoderFfnDim(37)
            .maxPositionEmbeddings(32).build();

    static BertModel bert() {
        BertModel m = new BertModel(BERT);
        Init.initialize(m, m.namedParameters().keySet(), 0.3, 7);
        return m;
    }

    static MarianMTModel marian() {
        MarianMTModel m = new MarianMTModel(MARIAN);
        Init.initialize(m, m.namedParameters().keySet(), 0.3, 11);
        return m;
    }

    static TokenBatch batch(int b, int t, long seed) {
        Random r = new Random(seed);
        List<int[]> seqs = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            int[] s = new int[Math.max(1, t - i)];                         // rows of different lengths: padding
            for (int j = 0; j < s.length; j++) {
                s[j] = 1 + r.nextInt(80);
            }
            seqs.add(s);
        }
        return TokenBatch.rightPadded(seqs, null, 0);
    }

    /** Every tensor of an output, copied. */
    static List<float[]> values(Object output) {
        List<float[]> v = new ArrayList<>();
        if (output instanceof Tensor t) {
            v.add(t.toArray());
        } else {
            ((dev.transformers4j.core.TensorContainer) output).forEachTensor(t -> v.add(t == null ? null : t.toArray()));
        }
        return v;
    }

    static void assertIdentical(List<float[]> actual, List<float[]> expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("%s, tensor %d", what, i).isEqualTo(expected.get(i));
        }
    }

    static <T> T off(Supplier<T> body) {
        try (Workspace.Off o = Workspace.disabled()) {
            return body.get();
        }
    }

    // ---------------------------------------------------------------- bit-identical on and off

    @Test
    void bertGpt2AndMarianAreBitIdenticalWithTheWorkspaceOnAndOff() {
        BertModel bert = bert();
        GPT2LMHeadModel gpt2 = GPT2LMHeadModel.initialized(GPT2, 3);
        MarianMTModel marian = marian();
        int[] decoderIds = {MARIAN.decoderStartTokenId(), 7, 9, 30, MARIAN.decoderStartTokenId(), 12, 5, 1};
        for (int[] shape : new int[][] {{3, 9}, {1, 1}, {2, 17}, {3, 9}}) {
            TokenBatch in = batch(shape[0], shape[1], shape[0] * 31L + shape[1]);
            String what = shape[0] + " × " + shape[1];
            for (ForwardOptions o : List.of(ForwardOptions.DEFAULT, ForwardOptions.ALL)) {
                assertIdentical(values(bert.forward(in, o)), values(off(() -> bert.forward(in, o))), "BERT " + what);
                assertIdentical(values(gpt2.forward(in, o)), values(off(() -> gpt2.forward(in, o))), "GPT-2 " + what);
            }
            TokenBatch src = batch(2, shape[1], shape[1]);
            Seq2SeqLMOutput on = marian.forward(src, decoderIds, ForwardOptions.ALL);
            assertIdentical(values(on), values(off(() -> marian.forward(src, decoderIds, ForwardOptions.ALL))),
                    "Marian " + what);
        }
        assertThat(Workspace.counters()[0]).as("arrays reused from the workspace").isPositive();
    }

    // ---------------------------------------------------------------- what escapes stays valid

    @Test
    void outputsKeptFromTheFirstCallAreNotOverwrittenByLaterCalls() {
        BertModel bert = bert();
        TokenBatch first = batch(3, 11, 1);
        ModelOutput kept = bert.forward(first, ForwardOptions.ALL);        // hidden states and attentions too
        Tensor keptTensor = bert.forward(first);                           // a plain tensor return
        List<float[]> keptValues = values(kept);
        float[] keptTensorValues = keptTensor.toArray();
        for (int call = 2; call <= 8; call++) {
            TokenBatch other = call % 2 == 0 ? batch(3, 11, call) : batch(call % 4 + 1, 5 + call, call);  // same / other shape
            bert.forward(other, call % 3 == 0 ? ForwardOptions.ALL : ForwardOptions.DEFAULT);
            bert.forward(other);
        }
        assertIdentical(values(kept), keptValues, "the first call's output");
        assertThat(keptTensor.toArray()).isEqualTo(keptTensorValues);
        assertIdentical(values(kept), values(off(() -> bert.forward(first, ForwardOptions.ALL))), "recomputed");
    }

    @Test
    void theKvCacheAndTheLogitsOfEarlierStepsAreNotOverwritten() {
        GPT2LMHeadModel gpt2 = GPT2LMHeadModel.initialized(GPT2, 3);
        KVCache cache = gpt2.newCache(2, 16);
        DecoderInput prompt = DecoderInput.of(batch(2, 6, 5));
        ModelOutput prefill = gpt2.forward(prompt, cache, ForwardOptions.ALL);
        List<float[]> prefillValues = values(prefill);
        float[] keys = cache.keys(1).toArray();
        for (int i = 0; i < 5; i++) {                                      // unrelated passes, with and without a cache
            gpt2.forward(batch(2, 6 + i, 40 + i), ForwardOptions.ALL);
            gpt2.forward(DecoderInput.of(batch(2, 3, 50 + i)), gpt2.newCache(2, 8), ForwardOptions.DEFAULT);
        }
        assertIdentical(values(prefill), prefillValues, "prefill output");
        assertThat(cache.keys(1).toArray()).as("cached keys").isEqualTo(keys);
    }

    @Test
    void cachedDecodingGivesTheSameLogitsOnAndOff() {
        GPT2LMHeadModel gpt2 = GPT2LMHeadModel.initialized(GPT2, 3);
        MarianMTModel marian = marian();
        assertIdentical(greedy(gpt2), off(() -> greedy(gpt2)), "GPT-2 decode steps");
        assertIdentical(greedy(marian), off(() -> greedy(marian)), "Marian decode steps");
    }

    private static List<float[]> greedy(GPT2LMHeadModel m) {
        KVCache cache = m.newCache(1, 12);
        List<float[]> steps = new ArrayList<>();
        int[] ids = {3, 14, 15};
        for (int s = 0; s < 8; s++) {
            int t = ids.length;
            int[] pos = new int[t];
            int[] mask = new int[cache.length() + t];
            for (int i = 0; i < t; i++) {
                pos[i] = cache.length() + i;
            }
            java.util.Arrays.fill(mask, 1);
            float[] logits = m.nextTokenLogits(new DecoderInput(1, t, ids, pos, mask), cache).toArray();
            steps.add(logits);
            ids = new int[] {argmax(logits)};
        }
        return steps;
    }

    private static List<float[]> greedy(MarianMTModel m) {
        var encoder = m.encode(batch(2, 7, 9), 1);
        KVCache cache = m.newCache(2, 10);
        List<float[]> steps = new ArrayList<>();
        int[] ids = {MARIAN.decoderStartTokenId(), MARIAN.decoderStartTokenId()};
        for (int s = 0; s < 6; s++) {
            float[] logits = m.nextTokenLogits(ids, 1, encoder, cache).toArray();
            steps.add(logits);
            int v = logits.length / 2;
            ids = new int[] {argmax(java.util.Arrays.copyOf(logits, v)),
                argmax(java.util.Arrays.copyOfRange(logits, v, 2 * v))};
        }
        return steps;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    // ---------------------------------------------------------------- hooks, threads, training, errors

    @Test
    void tensorsCapturedByHooksAreNotOverwritten() {
        BertModel bert = bert();
        List<Tensor> captured = new ArrayList<>();
        try (HookHandle h = bert.registerForwardHook("encoder.layer.*", (name, m, in, out) ->
                captured.add(((dev.transformers4j.core.nn.LayerOutput) out).hiddenState()))) {
            TokenBatch first = batch(2, 9, 3);
            ModelOutput expected = off(() -> bert.forward(first, ForwardOptions.ALL));
            bert.forward(first, ForwardOptions.DEFAULT);
            List<float[]> firstCapture = captured.stream().map(Tensor::toArray).toList();
            for (int i = 0; i < 4; i++) {
                bert.forward(batch(2, 9, 10 + i), ForwardOptions.DEFAULT);
            }
            for (int l = 0; l < 2; l++) {
                assertThat(captured.get(l).toArray()).as("layer %d as captured", l).isEqualTo(firstCapture.get(l));
                assertThat(firstCapture.get(l)).isEqualTo(expected.hiddenStates().get(l + 1).toArray());
            }
        }
    }

    @Test
    void twoThreadsRunningTheSameModelGetTheirOwnAnswers() throws Exception {
        BertModel bert = bert();
        List<TokenBatch> inputs = List.of(batch(3, 13, 21), batch(2, 7, 22), batch(4, 10, 23), batch(1, 19, 24));
        List<List<float[]>> expected = inputs.stream().map(in -> off(() -> values(bert.forward(in, ForwardOptions.ALL))))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int th = 0; th < 2; th++) {
                int offset = th;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        int k = (i + offset) % inputs.size();
                        assertIdentical(values(bert.forward(inputs.get(k), ForwardOptions.ALL)), expected.get(k),
                                "input " + k + " on a thread");
                    }
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aTrainingForwardDoesNotUseTheWorkspaceAndItsGradientsAreUnchanged() {
        GPT2LMHeadModel a = GPT2LMHeadModel.initialized(GPT2, 3);
        GPT2LMHeadModel b = GPT2LMHeadModel.initialized(GPT2, 3);
        TokenBatch in = batch(2, 8, 4);
        int[] labels = in.ids().clone();
        a.requiresGrad(true);
        b.requiresGrad(true);
        a.forward(in, ForwardOptions.DEFAULT);
        long[] before = Workspace.counters();
        a.loss(in, labels).backward();
        assertThat(Workspace.counters()).as("arrays reused and allocated by the workspace").isEqualTo(before);
        off(() -> {
            b.loss(in, labels).backward();
            return null;
        });
        b.namedParameters().forEach((name, p) ->
                assertThat(a.namedParameters().get(name).grad().toArray()).as(name).isEqualTo(p.grad().toArray()));
    }

    @Test
    void aForwardThatThrowsLeavesTheNextOnesCorrect() {
        BertModel bert = bert();
        TokenBatch good = batch(2, 9, 8);
        ModelOutput kept = bert.forward(good, ForwardOptions.ALL);
        List<float[]> keptValues = values(kept);
        TokenBatch bad = new TokenBatch(1, 3, new int[] {5, 500, 7}, new int[3], new int[] {1, 1, 1});
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> bert.forward(bad, ForwardOptions.DEFAULT)).hasMessageContaining("500");
            assertIdentical(values(bert.forward(good, ForwardOptions.ALL)), keptValues, "after a failed call");
        }
        assertIdentical(values(kept), keptValues, "the output kept before the failures");
    }

    @Test
    void aWorkspaceLargerThanTheHeapIsAClearError() {
        BertConfig c = BERT.toBuilder().maxPositionEmbeddings(512).numAttentionHeads(4).hiddenSize(8)
                .intermediateSize(8).numHiddenLayers(1).build();
        BertModel m = new BertModel(c);
        long scoresPerRow = 4L * 512 * 512 * Float.BYTES;                  // [1, H, T, T]
        int b = (int) (Runtime.getRuntime().maxMemory() / scoresPerRow) + 1;
        TokenBatch in = new TokenBatch(b, 512, new int[b * 512], new int[b * 512], filled(b * 512));
        // the eager attention's scores [B, H, T, T] are what outgrows the heap here (the fused attention has none)
        assertThatThrownBy(() -> {
            try (var eager = dev.transformers4j.core.nn.Attention.use(dev.transformers4j.core.nn.Attention.Implementation.EAGER)) {
                m.forward(in, ForwardOptions.DEFAULT);
            }
        })
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the batch of " + b + " × 512 tokens needs more than")
                .hasMessageContaining("lower the batch or raise -Xmx");
        assertThat(values(m.forward(batch(1, 4, 1), ForwardOptions.DEFAULT))).isNotEmpty();   // and it goes on
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    // ---------------------------------------------------------------- the point: allocation

    @Test
    void aSteadyStateForwardAllocatesFarLessThanWithoutTheWorkspace() {
        BertModel bert = bert();
        TokenBatch in = batch(16, 60, 2);    // large enough that the forward's temporaries dominate its bookkeeping
        long on = allocatedPerForward(() -> bert.forward(in, ForwardOptions.DEFAULT));
        long without = off(() -> allocatedPerForward(() -> bert.forward(in, ForwardOptions.DEFAULT)));
        assertThat(without).as("bytes per forward without the workspace").isGreaterThan(1_000_000);
        assertThat(on).as("bytes per forward with it (without: %d)", without).isLessThan(without / 5);
    }

    private static long allocatedPerForward(Runnable forward) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 5; i++) {
            forward.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10; i++) {
            forward.run();
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / 10;
    }
}
