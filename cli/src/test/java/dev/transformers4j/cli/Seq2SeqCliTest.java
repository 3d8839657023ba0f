package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code t4j generate --ids} and {@code t4j forward --decoder-ids} on the golden tiny Marian against what HF
 * transformers 4.57.6 computed ({@code marian-mt.generate.json}, {@code marian-mt.json}).
 */
class Seq2SeqCliTest {

    static final String MODEL = CliTest.golden("marian-mt").toString();

    @Test
    void generateIdsReproducesHfsGreedyBatch() throws IOException {
        assertGenerateMatches("greedy_batch");
    }

    @Test
    void generateIdsReproducesHfsBeamSearchBatch() throws IOException {
        assertGenerateMatches("beam4_batch", "--num-beams", "4");
    }

    private static void assertGenerateMatches(String name, String... extra) throws IOException {
        JsonNode c = generateCase(name);
        List<String> args = new ArrayList<>(List.of("generate", "--model", MODEL, "--max-new-tokens", "20", "--json"));
        JsonNode ids = c.get("inputs").get("input_ids");
        JsonNode mask = c.get("inputs").get("attention_mask").get("data");
        for (int row = 0; row < ids.get("shape").get(0).asInt(); row++) {
            args.add("--ids");
            args.add(realIds(ids, mask, row));
        }
        args.addAll(List.of(extra));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode results = r.json().get("results");
        JsonNode seq = c.get("outputs").get("sequences");
        int t = seq.get("shape").get(1).asInt();
        assertThat(results).hasSize(seq.get("shape").get(0).asInt());
        for (int row = 0; row < results.size(); row++) {
            List<Integer> want = IntStream.range(row * t, (row + 1) * t).mapToObj(i -> seq.get("data").get(i).asInt())
                    .toList();
            assertThat(ints(results.get(row).get("ids"))).as("ids of row %d", row).isEqualTo(want);
            assertThat(ints(results.get(row).get("new_ids"))).as("new_ids of row %d", row)
                    .isEqualTo(want.subList(1, t));
            assertThat(results.get(row).get("text").isNull()).as("no tokenizer in the golden folder").isTrue();
        }
    }

    @Test
    void forwardWithDecoderIdsReproducesHfsLogitsOnAPaddedBatch() throws IOException {
        JsonNode c = CliTest.goldenJson("marian-mt.json").get("cases").get(1);
        assertThat(c.get("name").asText()).isEqualTo("padded_batch");
        JsonNode in = c.get("inputs");
        JsonNode mask = in.get("attention_mask").get("data");
        JsonNode dec = in.get("decoder_input_ids");
        CliRun r = CliRun.of("forward", "--model", MODEL, "--json",
                "--ids", realIds(in.get("input_ids"), mask, 0), "--decoder-ids", row(dec, 0, 8),
                "--ids", realIds(in.get("input_ids"), mask, 1), "--decoder-ids", row(dec, 1, 6));   // HF padded it with 999
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode out = r.json();
        assertThat(out.get("logits").get("shape")).hasToString("[2,8,1000]");
        assertThat(out.get("encoder_last_hidden_state").get("shape")).hasToString("[2,11,64]");
        CliTest.assertClose(out.get("logits").get("data"), c.get("outputs").get("logits").get("data"), null);
        CliTest.assertClose(out.get("encoder_last_hidden_state").get("data"),
                c.get("outputs").get("encoder_last_hidden_state").get("data"), null);
    }

    @Test
    void decoderIdsMustMatchIdsAndOnlyEncoderDecoderModelsTakeThem() {
        CliRun tooFew = CliRun.of("forward", "--model", MODEL, "--ids", "5,0", "--ids", "6,7,0",
                "--decoder-ids", "999,3");
        assertThat(tooFew.exitCode()).isEqualTo(2);
        assertThat(tooFew.err()).contains("--decoder-ids: given 1 times but --ids 2 times");
        CliRun none = CliRun.of("forward", "--model", MODEL, "--ids", "5,0");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("MarianMTModel is an encoder-decoder model").doesNotContain("\tat ");
        CliRun bert = CliRun.of("forward", "--model", CliTest.golden("bert-seqcls").toString(), "--ids", "101,102",
                "--decoder-ids", "1");
        assertThat(bert.exitCode()).isEqualTo(2);
        assertThat(bert.err()).contains("--decoder-ids: BertForSequenceClassification is not an encoder-decoder");
    }

    static JsonNode generateCase(String name) throws IOException {
        for (JsonNode c : CliTest.goldenJson("marian-mt.generate.json").get("generate_cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no generate case " + name);
    }

    /** Row {@code row} of a right-padded [B, S] tensor without its padding, comma-separated. */
    static String realIds(JsonNode ids, JsonNode mask, int row) {
        int s = ids.get("shape").get(1).asInt();
        return IntStream.range(row * s, (row + 1) * s).filter(i -> mask.get(i).asInt() == 1)
                .mapToObj(i -> ids.get("data").get(i).asText()).collect(Collectors.joining(","));
    }

    private static String row(JsonNode ids, int row, int length) {
        int t = ids.get("shape").get(1).asInt();
        return IntStream.range(row * t, row * t + length).mapToObj(i -> ids.get("data").get(i).asText())
                .collect(Collectors.joining(","));
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asInt()));
        return out;
    }
}
