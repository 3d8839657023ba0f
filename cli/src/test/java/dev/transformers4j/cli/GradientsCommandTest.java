package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code t4j gradients} against HF's {@code loss.backward()} on the tiny BERT classifier
 * ({@code bert-seqcls.train.json}) and the tiny Marian translation model ({@code marian-mt.train.json}).
 */
class GradientsCommandTest {

    /** The padded batch of the train file, as the user types it: real tokens only, one --labels per sequence. */
    private static List<String> batchArgs(JsonNode inputs) {
        JsonNode ids = inputs.get("input_ids").get("data");
        JsonNode types = inputs.get("token_type_ids").get("data");
        JsonNode mask = inputs.get("attention_mask").get("data");
        JsonNode labels = inputs.get("labels").get("data");
        int t = inputs.get("input_ids").get("shape").get(1).asInt();
        List<String> args = new ArrayList<>();
        for (int row = 0; row < labels.size(); row++) {
            StringBuilder s = new StringBuilder();
            StringBuilder ty = new StringBuilder();
            for (int i = row * t; i < (row + 1) * t; i++) {
                if (mask.get(i).asInt() == 1) {
                    s.append(s.isEmpty() ? "" : ",").append(ids.get(i).asInt());
                    ty.append(ty.isEmpty() ? "" : ",").append(types.get(i).asInt());
                }
            }
            args.addAll(List.of("--ids", s.toString(), "--type-ids", ty.toString(), "--labels", labels.get(row).asText()));
        }
        return args;
    }

    private static CliRun run(JsonNode golden, String... extra) {
        List<String> args = new ArrayList<>(List.of("gradients", "--model", CliTest.golden("bert-seqcls").toString()));
        args.addAll(batchArgs(golden.get("inputs")));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void lossAndEveryGradientMatchHuggingFace() throws IOException {
        JsonNode golden = CliTest.goldenJson("bert-seqcls.train.json");
        CliRun r = run(golden, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode out = r.json();
        assertThat(out.get("loss").asDouble()).isCloseTo(golden.get("loss").get("data").get(0).asDouble(), within(1e-5));
        JsonNode grads = out.get("gradients");
        assertThat(grads.size()).isEqualTo(golden.get("grads").size());
        golden.get("grads").properties().forEach(e -> assertGradient(e.getKey(), grads.get(e.getKey()), e.getValue()));
    }

    @Test
    void paramGlobsSelectParametersWithOrWithoutTheBasePrefix() throws IOException {
        JsonNode golden = CliTest.goldenJson("bert-seqcls.train.json");
        CliRun r = run(golden, "--json", "--param", "encoder.layer.0.*", "--param", "classifier.bias");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode grads = r.json().get("gradients");
        List<String> names = new ArrayList<>();
        grads.fieldNames().forEachRemaining(names::add);
        assertThat(names).hasSize(17).allMatch(n -> n.startsWith("bert.encoder.layer.0.") || n.equals("classifier.bias"));
        names.forEach(n -> assertGradient(n, grads.get(n), golden.get("grads").get(n)));
    }

    @Test
    void badInputGivesOneClearError() throws IOException {
        JsonNode golden = CliTest.goldenJson("bert-seqcls.train.json");
        CliRun unknown = run(golden, "--param", "encoder.layer.9.*");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--param 'encoder.layer.9.*' matches no parameter").doesNotContain("\tat ");

        CliRun tooFew = CliRun.of("gradients", "--model", CliTest.golden("bert-seqcls").toString(),
                "--ids", "101,7,102", "--ids", "101,8,102", "--labels", "1");
        assertThat(tooFew.exitCode()).isEqualTo(2);
        assertThat(tooFew.err()).contains("one class index per sequence: 2 sequences but 1 labels");

        CliRun badClass = CliRun.of("gradients", "--model", CliTest.golden("bert-seqcls").toString(),
                "--ids", "101,7,102", "--labels", "3");
        assertThat(badClass.exitCode()).isEqualTo(2);
        assertThat(badClass.err()).contains("--labels: class 3 is outside [0, 3)");
        assertThat(badClass.err().strip().lines()).hasSize(1);
    }

    /**
     * Marian's padded batch as the user types it: each source's real tokens, its target ids as --labels (the
     * fixture's labels up to the -100 padding); the decoder input is derived as HF derives it.
     */
    private static List<String> marianArgs(JsonNode inputs, boolean withDecoderIds) {
        List<String> args = new ArrayList<>(List.of("gradients", "--model", CliTest.golden("marian-mt").toString()));
        JsonNode mask = inputs.get("attention_mask").get("data");
        int s = inputs.get("input_ids").get("shape").get(1).asInt();
        int t = inputs.get("labels").get("shape").get(1).asInt();
        for (int row = 0; row < 2; row++) {
            List<String> src = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<String> dec = new ArrayList<>();
            for (int i = row * s; i < (row + 1) * s; i++) {
                if (mask.get(i).asInt() == 1) {
                    src.add(inputs.get("input_ids").get("data").get(i).asText());
                }
            }
            for (int i = row * t; i < (row + 1) * t && inputs.get("labels").get("data").get(i).asInt() != -100; i++) {
                labels.add(inputs.get("labels").get("data").get(i).asText());
                dec.add(inputs.get("decoder_input_ids").get("data").get(i).asText());
            }
            args.addAll(List.of("--ids", String.join(",", src), "--labels", String.join(",", labels)));
            if (withDecoderIds) {
                args.addAll(List.of("--decoder-ids", String.join(",", dec)));
            }
        }
        return args;
    }

    @Test
    void marianLossAndGradientsMatchHuggingFaceWithDerivedOrGivenDecoderIds() throws IOException {
        JsonNode golden = CliTest.goldenJson("marian-mt.train.json");
        for (boolean given : new boolean[] {false, true}) {
            List<String> args = marianArgs(golden.get("inputs"), given);
            args.add("--json");
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode out = r.json();
            assertThat(out.get("loss").asDouble()).as("loss, decoder ids given: %s", given)
                    .isCloseTo(golden.get("loss").get("data").get(0).asDouble(), within(1e-5));
            golden.get("grads").properties().forEach(e ->
                    assertGradient(e.getKey(), out.get("gradients").get(e.getKey()), e.getValue()));
        }
    }

    @Test
    void marianParamGlobsMatchWithoutTheModelPrefixAndBadDecoderInputIsOneLine() throws IOException {
        JsonNode golden = CliTest.goldenJson("marian-mt.train.json");
        List<String> args = marianArgs(golden.get("inputs"), false);
        args.addAll(List.of("--json", "--param", "shared.weight", "--param", "decoder.layers.0.encoder_attn.*"));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode grads = r.json().get("gradients");
        assertThat(grads.size()).isEqualTo(9);
        assertGradient("model.shared.weight", grads.get("model.shared.weight"), golden.get("grads").get("model.shared.weight"));

        String model = CliTest.golden("marian-mt").toString();
        CliRun noLabels = CliRun.of("gradients", "--model", model, "--ids", "5,6,0");
        assertThat(noLabels.exitCode()).isEqualTo(2);
        assertThat(noLabels.err()).contains("--labels: MarianMTModel needs the target ids of each --ids");
        CliRun mismatch = CliRun.of("gradients", "--model", model, "--ids", "5,6,0", "--labels", "7,8,0",
                "--decoder-ids", "999,7");
        assertThat(mismatch.exitCode()).isEqualTo(2);
        assertThat(mismatch.err()).contains("--labels: sequence 1 has 2 decoder ids but 3 labels");
        assertThat(mismatch.err().strip().lines()).hasSize(1);
        CliRun notSeq2Seq = CliRun.of("gradients", "--model", CliTest.golden("bert-seqcls").toString(),
                "--ids", "101,7,102", "--labels", "1", "--decoder-ids", "1,2");
        assertThat(notSeq2Seq.exitCode()).isEqualTo(2);
        assertThat(notSeq2Seq.err()).contains("--decoder-ids: only encoder-decoder models read decoder ids");
    }

    /** {@code |x − g| ≤ 1e-5 + 1e-3·|g|}; for the word embeddings only the listed rows are non-zero. */
    private static void assertGradient(String name, JsonNode got, JsonNode want) {
        assertThat(got).as(name).isNotNull();
        JsonNode data = got.get("data");
        if (want.has("rows")) {
            int c = want.get("shape_full").get(1).asInt();
            assertThat(got.get("shape").toString()).isEqualTo(want.get("shape_full").toString());
            boolean[] listed = new boolean[want.get("shape_full").get(0).asInt()];
            for (int i = 0; i < want.get("rows").size(); i++) {
                int row = want.get("rows").get(i).asInt();
                listed[row] = true;
                for (int j = 0; j < c; j++) {
                    close(name + " row " + row, data.get(row * c + j), want.get("grad_rows").get("data").get(i * c + j));
                }
            }
            for (int row = 0; row < listed.length; row++) {
                for (int j = 0; j < c && !listed[row]; j++) {
                    assertThat(data.get(row * c + j).asDouble()).as(name + " unused row " + row).isZero();
                }
            }
            return;
        }
        assertThat(got.get("shape").toString()).as(name).isEqualTo(want.get("shape").toString());
        for (int i = 0; i < want.get("data").size(); i++) {
            close(name + "[" + i + "]", data.get(i), want.get("data").get(i));
        }
    }

    private static void close(String what, JsonNode got, JsonNode want) {
        double g = want.asDouble();
        assertThat(got.asDouble()).as(what).isCloseTo(g, within(1e-5 + 1e-3 * Math.abs(g)));
    }
}
