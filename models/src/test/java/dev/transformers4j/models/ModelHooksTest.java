package dev.transformers4j.models;

import static dev.transformers4j.models.testing.Golden.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.core.Backend;
import dev.transformers4j.core.Kernels;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Attention;
import dev.transformers4j.core.nn.HookHandle;
import dev.transformers4j.core.nn.LayerOutput;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.nn.NoSuchModuleException;
import dev.transformers4j.models.bert.BertModel;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.models.marian.Seq2SeqLMOutput;
import dev.transformers4j.models.testing.Backends;
import dev.transformers4j.models.testing.Golden;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hooks on the golden tiny BERT, GPT-2 and Marian models: what they capture is checked against Hugging Face's
 * hidden states and attentions for the same inputs ({@code golden/*.json}), and against the other backend.
 */
class ModelHooksTest {

    private static final BertModel BERT = BertModel.fromPretrained(Golden.dir("bert-mlm"));
    private static final GPT2LMHeadModel GPT2 = GPT2LMHeadModel.fromPretrained(Golden.dir("gpt2-lm"));
    private static final MarianMTModel MARIAN = MarianMTModel.fromPretrained(Golden.dir("marian-mt"));

    @Test
    void bertSelfAttentionHooksCaptureEveryLayerWithHuggingFacesAttentions() {
        JsonNode c = Golden.testCase(Golden.json("bert-mlm.json"), "padded_batch");
        List<String> names = new ArrayList<>();
        List<Tensor> contexts = new ArrayList<>();
        List<Tensor> probs = new ArrayList<>();
        try (HookHandle h = BERT.registerForwardHook("encoder.layer.*.attention.self", (name, m, in, out) -> {
            names.add(name);
            contexts.add(((Attention.Result) out).context());
            probs.add(((Attention.Result) out).probs());
        })) {
            BERT.forward(bertBatch(c.get("inputs")), ForwardOptions.DEFAULT);
        }
        assertThat(names).containsExactly("encoder.layer.0.attention.self", "encoder.layer.1.attention.self");
        assertThat(contexts).allSatisfy(t -> assertThat(t.shape()).containsExactly(2, 14, 64));    // [B, T, C]
        assertClose("hooked attention probabilities", Golden.stack(probs), c.get("outputs").get("attentions"));
    }

    @Test
    void gpt2BlockAndMlpOutputsAddUpToHuggingFacesHiddenStates() {
        JsonNode c = Golden.testCase(Golden.json("gpt2-lm.json"), "single_long");
        Tensor hidden = Golden.tensor(c.get("outputs").get("hidden_states"));          // [N + 1, B, T, C]
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> firstInput = new LinkedHashMap<>();
        List<HookHandle> handles = List.of(
                GPT2.registerForwardHook("transformer.h.*", (name, m, in, o) -> out.put(name, o)),
                GPT2.registerForwardHook("transformer.h.0.*", (name, m, in, o) -> out.put(name, o)),
                GPT2.registerForwardPreHook("transformer.ln_f", (name, m, in) -> firstInput.put(name, in.get(0))),
                GPT2.registerForwardPreHook("transformer.h.1", (name, m, in) -> firstInput.put(name, in.get(0))));
        GPT2.forward(gpt2Batch(c.get("inputs")), ForwardOptions.DEFAULT);
        handles.forEach(HookHandle::remove);

        Tensor block0 = ((LayerOutput) out.get("transformer.h.0")).hiddenState();
        assertClose("h.0 output = hidden_states[1]", block0, hidden.select(0, 1));
        assertClose("h.1 input = hidden_states[1]", (Tensor) firstInput.get("transformer.h.1"), hidden.select(0, 1));
        Tensor attn = ((Attention.Result) out.get("transformer.h.0.attn")).context();
        Tensor mlp = (Tensor) out.get("transformer.h.0.mlp");
        assertThat(mlp.shape()).containsExactly(1, 40, 64);
        // x = x + attn(ln_1(x)); x = x + mlp(ln_2(x))
        assertClose("hidden_states[0] + attn + mlp", hidden.select(0, 0).add(attn).add(mlp), hidden.select(0, 1));
        // the last block's output goes through ln_f before HF reports it
        Tensor last = ((LayerOutput) out.get("transformer.h.1")).hiddenState();
        assertThat(firstInput.get("transformer.ln_f")).isSameAs(last);
    }

    @Test
    void marianCrossAttentionHookSeesTheDecoderLayersAttentionOverTheSource() {
        JsonNode c = Golden.testCase(Golden.json("marian-mt.json"), "padded_batch");
        JsonNode in = c.get("inputs");
        int[] shape = Golden.shape(in.get("input_ids"));
        TokenBatch source = new TokenBatch(shape[0], shape[1], Golden.ints(in.get("input_ids")),
                new int[shape[0] * shape[1]], Golden.ints(in.get("attention_mask")));
        List<Tensor> cross = new ArrayList<>();
        List<Tensor> encoderSelf = new ArrayList<>();
        Seq2SeqLMOutput o;
        try (HookHandle a = MARIAN.registerForwardHook("model.decoder.layers.1.encoder_attn",
                (name, m, args, out) -> cross.add(((Attention.Result) out).probs()));
             HookHandle b = MARIAN.registerForwardHook("model.encoder.layers.*.self_attn",
                (name, m, args, out) -> encoderSelf.add(((Attention.Result) out).probs()))) {
            o = MARIAN.forward(source, Golden.ints(in.get("decoder_input_ids")), ForwardOptions.ALL);
        }
        assertThat(cross).hasSize(1);
        assertThat(cross.get(0)).isSameAs(o.crossAttentions().get(1));
        assertClose("cross_attentions[1]", cross.get(0),
                Golden.tensor(c.get("outputs").get("cross_attentions")).select(0, 1));
        assertClose("encoder_attentions", Golden.stack(encoderSelf), c.get("outputs").get("encoder_attentions"));
    }

    @Test
    void aRemovedHookIsNotCalledAgain() {
        TokenBatch in = TokenBatch.of(new int[] {5, 6, 7});
        int[] calls = {0};
        HookHandle h = BERT.registerForwardPreHook("**.LayerNorm", (name, m, args) -> calls[0]++);
        BERT.forward(in, ForwardOptions.DEFAULT);
        assertThat(calls[0]).isEqualTo(5);              // embeddings + 2 per layer
        h.remove();
        BERT.forward(in, ForwardOptions.DEFAULT);
        assertThat(calls[0]).isEqualTo(5);
    }

    @Test
    void aPatternThatMatchesNothingIsOneClearError() {
        assertThatThrownBy(() -> GPT2.registerForwardHook("transformer.h.*.mpl", (n, m, in, out) -> { }))
                .isInstanceOf(NoSuchModuleException.class)
                .hasMessageStartingWith("no module matches 'transformer.h.*.mpl'; nearest names: transformer.h.0.mlp");
    }

    /** Every module's outputs, in call order, under the given backend. */
    private static List<Map.Entry<String, List<Tensor>>> everyOutput(Module model, Runnable forward) {
        List<Map.Entry<String, List<Tensor>>> seen = new ArrayList<>();
        try (HookHandle h = model.registerForwardHook("**", (name, m, in, out) -> seen.add(Map.entry(name, tensors(out))))) {
            forward.run();
        }
        return seen;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.transformers4j.models.testing.Backends#all")
    void hooksCaptureTheSameCallsAndTensorsOnBothBackends(Kernels kernels) {
        TokenBatch in = TokenBatch.of(new int[] {3, 14, 15, 92, 65});
        Kernels reference = Backend.create(Backend.REFERENCE, 1);
        for (Module model : List.<Module>of(BERT, GPT2)) {
            Runnable forward = () -> ((PretrainedModel) model).forward(in, ForwardOptions.DEFAULT);
            List<Map.Entry<String, List<Tensor>>> expected = new ArrayList<>();
            List<Map.Entry<String, List<Tensor>>> actual = new ArrayList<>();
            Backends.with(reference, () -> expected.addAll(everyOutput(model, forward)));
            Backends.with(kernels, () -> actual.addAll(everyOutput(model, forward)));
            assertThat(actual.stream().map(Map.Entry::getKey).toList())
                    .isEqualTo(expected.stream().map(Map.Entry::getKey).toList())
                    .hasSizeGreaterThan(20);
            for (int i = 0; i < actual.size(); i++) {
                List<Tensor> a = actual.get(i).getValue();
                List<Tensor> e = expected.get(i).getValue();
                assertThat(a).as(actual.get(i).getKey()).hasSameSizeAs(e).isNotEmpty();
                for (int j = 0; j < a.size(); j++) {
                    assertClose(actual.get(i).getKey() + " output " + j, a.get(j), e.get(j));
                }
            }
        }
    }

    /** The tensors in a module's output: the tensor itself, or a record's tensor and tensor-list components. */
    private static List<Tensor> tensors(Object out) {
        List<Tensor> all = new ArrayList<>();
        if (out instanceof Tensor t) {
            all.add(t);
        } else if (out instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    Object v = c.getAccessor().invoke(r);
                    if (v instanceof Tensor t) {
                        all.add(t);
                    } else if (v instanceof List<?> list) {
                        list.forEach(x -> all.add((Tensor) x));
                    }
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return all;
    }

    private static TokenBatch bertBatch(JsonNode inputs) {
        int[] shape = Golden.shape(inputs.get("input_ids"));
        return new TokenBatch(shape[0], shape[1], Golden.ints(inputs.get("input_ids")),
                Golden.ints(inputs.get("token_type_ids")), Golden.ints(inputs.get("attention_mask")));
    }

    private static TokenBatch gpt2Batch(JsonNode inputs) {
        int[] shape = Golden.shape(inputs.get("input_ids"));
        return new TokenBatch(shape[0], shape[1], Golden.ints(inputs.get("input_ids")),
                new int[shape[0] * shape[1]], Golden.ints(inputs.get("attention_mask")));
    }
}
