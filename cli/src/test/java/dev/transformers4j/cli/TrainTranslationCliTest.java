package dev.transformers4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transformers4j.models.AutoModel;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.marian.MarianMTModel;
import dev.transformers4j.pipelines.data.SharedVocabulary;
import dev.transformers4j.pipelines.data.TranslationCorpus;
import dev.transformers4j.train.Seq2SeqTranslationTask;
import dev.transformers4j.train.TranslationDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code t4j train translation} scaled down: a one-layer, 32-wide Marian trains on reversing 200 short random
 * "sentences" (character vocabulary) for 40 steps (enough to learn the character frequencies, not yet the
 * reversal: that takes hundreds of steps); the validation loss falls, the folder is an HF Marian folder
 * that {@code AutoModel} reloads with the validation loss the run reported, a run resumed from its step-20
 * checkpoint has the same loss curve, and bad input is one clear line.
 */
class TrainTranslationCliTest {

    @TempDir
    static Path tmp;
    static Path trainSrc;
    static Path trainTgt;
    static Path validSrc;
    static Path validTgt;
    static Path out;
    static CliRun run;

    static String[] trainArgs(Path outDir, String... more) {
        List<String> a = List.of("train", "translation", "--train-src", trainSrc.toString(), "--train-tgt",
                trainTgt.toString(), "--valid-src", validSrc.toString(), "--valid-tgt", validTgt.toString(),
                "--tokenizer", "char", "--layers", "1", "--hidden", "32", "--heads", "2", "--ffn", "64",
                "--max-tokens", "256", "--warmup", "10", "--lr-factor", "0.5", "--max-steps", "40", "--eval-steps", "1",
                "--save-steps", "20", "--save-total-limit", "0", "--log-steps", "10", "--seed", "5", "--bleu-sentences", "4", "--out",
                outDir.toString());
        return CliArgs.with(a, more);
    }

    /** {@code n} lines of 1–3 "words" of 1–5 letters from a–h, and the same lines reversed. */
    static void writeReversals(Path src, Path tgt, int n, long seed) throws IOException {
        Random r = new Random(seed);
        List<String> s = new ArrayList<>();
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder line = new StringBuilder();
            for (int w = 0, words = 1 + r.nextInt(3); w < words; w++) {
                line.append(w == 0 ? "" : " ");
                for (int c = 0, len = 1 + r.nextInt(5); c < len; c++) {
                    line.append((char) ('a' + r.nextInt(8)));
                }
            }
            s.add(line.toString());
            t.add(line.reverse().toString());
        }
        Files.write(src, s);
        Files.write(tgt, t);
    }

    @BeforeAll
    static void trainTinyMarian() throws IOException {
        trainSrc = tmp.resolve("train.src");
        trainTgt = tmp.resolve("train.tgt");
        validSrc = tmp.resolve("valid.src");
        validTgt = tmp.resolve("valid.tgt");
        writeReversals(trainSrc, trainTgt, 200, 1);
        writeReversals(validSrc, validTgt, 40, 2);
        out = tmp.resolve("tiny-marian");
        run = CliRun.of(trainArgs(out));
    }

    @Test
    void lowersTheValidationLossAndSavesAnHfMarianFolder() {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("trained 40 steps").containsPattern("[0-9]+ tokens/s")
                .containsPattern("validation loss [0-9.]+ \\(label-smoothed\\), nll_loss [0-9.]+, perplexity [0-9.]+ on 40 pairs");
        JsonNode history = ConfigJson.read(out.resolve("trainer_state.json")).root().get("log_history");
        List<Double> evals = new ArrayList<>();
        history.forEach(e -> {
            if (e.has("eval_loss")) {
                evals.add(e.get("eval_loss").asDouble());
            }
        });
        assertThat(evals).hasSize(40);
        assertThat(evals.get(39)).isLessThan(evals.get(0) - 0.1);         // 2.49 after step 1 → 2.36: the unigram level
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "generation_config.json", "training_log.csv", "loss_curve.png", "checkpoint-20", "checkpoint-40")) {
            assertThat(out.resolve(f)).as(f).exists();
        }
        JsonNode config = ConfigJson.read(out.resolve("config.json")).root();
        assertThat(config.get("architectures").toString()).isEqualTo("[\"MarianMTModel\"]");
        assertThat(config.get("d_model").asInt()).isEqualTo(32);
        assertThat(config.get("encoder_layers").asInt()).isEqualTo(1);
        assertThat(config.get("activation_function").asText()).isEqualTo("relu");
        SharedVocabulary tok = SharedVocabulary.resolve(out.resolve("tokenizer.json").toString(), null, 0);
        assertThat(config.get("vocab_size").asInt()).isEqualTo(tok.vocabSize()).isEqualTo(8 + 1 + 3);  // a-h, ' ', specials
        assertThat(config.get("pad_token_id").asInt()).isEqualTo(config.get("decoder_start_token_id").asInt())
                .isEqualTo(tok.padId());
        JsonNode gen = ConfigJson.read(out.resolve("generation_config.json")).root();
        assertThat(gen.get("bad_words_ids").toString()).isEqualTo("[[" + tok.padId() + "]]");
        assertThat(gen.get("eos_token_id").asInt()).isEqualTo(tok.eosId());
        assertThat(gen.get("decoder_start_token_id").asInt()).isEqualTo(tok.padId());
        assertThat(gen.get("num_beams").asInt()).isEqualTo(4);
        assertThat(gen.get("max_length").asInt()).isEqualTo(512);
        JsonNode tc = ConfigJson.read(out.resolve("tokenizer_config.json")).root();
        assertThat(tc.get("eos_token").asText()).isEqualTo("</s>");
        assertThat(tc.get("pad_token").asText()).isEqualTo("<pad>");
    }

    /** The reloaded folder gives the validation losses the run logged last: the saved weights are the trained ones. */
    @Test
    void autoModelReloadsTheTrainedModel() {
        MarianMTModel model = (MarianMTModel) AutoModel.fromPretrained(out);
        SharedVocabulary tok = SharedVocabulary.resolve(out.resolve("tokenizer.json").toString(), null, 0);
        TranslationDataset valid = TranslationCorpus.read("validation", validSrc, validTgt).encode(tok, 512, 256);
        model.eval();
        var result = new Seq2SeqTranslationTask(model, 0.1).evaluate(valid.batches(8));
        JsonNode history = ConfigJson.read(out.resolve("trainer_state.json")).root().get("log_history");
        JsonNode last = history.get(history.size() - 1);
        assertThat(result.loss()).isCloseTo(last.get("eval_loss").asDouble(), within(1e-5));
        assertThat(result.get("nll_loss")).isCloseTo(last.get("eval_nll_loss").asDouble(), within(1e-5));
    }

    @Test
    void resumingFromTheStep20CheckpointGivesTheSameLossCurve() throws IOException {
        Path interrupted = Files.createDirectories(tmp.resolve("interrupted"));
        TrainTextClassificationCliTest.copyTree(out.resolve("checkpoint-20"), interrupted.resolve("checkpoint-20"));
        CliRun resumed = CliRun.of(trainArgs(interrupted, "--resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming from");
        JsonNode a = ConfigJson.read(out.resolve("trainer_state.json")).root().get("log_history");
        JsonNode b = ConfigJson.read(interrupted.resolve("trainer_state.json")).root().get("log_history");
        assertThat(b.size()).isEqualTo(a.size());
        for (int i = 0; i < a.size(); i++) {
            String key = a.get(i).has("loss") ? "loss" : "eval_loss";
            assertThat(b.get(i).get("step").asInt()).isEqualTo(a.get(i).get("step").asInt());
            // equal up to float rounding: the Vector API's reductions may add in another order once JIT-compiled
            assertThat(b.get(i).get(key).asDouble()).as("%s at entry %d", key, i)
                    .isCloseTo(a.get(i).get(key).asDouble(), within(1e-5));
        }
    }

    @Test
    void badInputIsOneLineNamingTheFileLineOrFlag() throws IOException {
        Path shortTgt = tmp.resolve("short.tgt");
        Files.write(shortTgt, Files.readAllLines(trainTgt).subList(0, 150));
        assertError(trainArgs(tmp.resolve("b1"), "--train-tgt", shortTgt.toString()), trainSrc + ":151: " + trainSrc
                + " has 200 lines but " + shortTgt + " has 150: the files must be line-aligned");
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
        assertError(trainArgs(tmp.resolve("b2"), "--valid-src", empty.toString(), "--valid-tgt", empty.toString()),
                "the validation files have no sentence pair");
        assertError(trainArgs(tmp.resolve("b3"), "--max-tokens", "10"), "--max-tokens 10 is smaller than the longest"
                + " training pair: line ");
        assertError(CliArgs.with(List.of(trainArgs(tmp.resolve("b4"))), "--tokenizer", "none.json"),
                "--tokenizer none.json: no such file or folder");
        List<String> noTokenizer = new ArrayList<>(List.of(trainArgs(tmp.resolve("b5"))));
        noTokenizer.subList(noTokenizer.indexOf("--tokenizer"), noTokenizer.indexOf("--tokenizer") + 2).clear();
        noTokenizer.addAll(List.of("--vocab-size", "300"));
        CliRun bpe = CliRun.of(noTokenizer.toArray(String[]::new));
        assertThat(bpe.exitCode()).as(bpe.err()).isZero();                       // a shared BPE is trained instead
        assertThat(bpe.err()).contains("shared byte-level BPE").contains("eval_bleu");
        assertThat(tmp.resolve("b5/tokenizer.json")).isRegularFile();
        assertError(trainArgs(tmp.resolve("b6"), "--heads", "3"), "--heads: expected a divisor of --hidden 32 but was 3");
        assertError(trainArgs(tmp.resolve("b7"), "--preset", "large"), "--preset: expected small or base but was large");
        assertError(trainArgs(tmp.resolve("b8"), "--label-smoothing", "1"), "--label-smoothing: expected a value in [0, 1)");
    }

    /** Sentences longer than --max-positions are cut (</s> kept), with one warning that counts them. */
    @Test
    void longSentencesAreTruncatedWithAWarning() {
        CliRun r = CliRun.of(trainArgs(tmp.resolve("trunc"), "--max-positions", "8", "--max-steps", "1",
                "--eval-steps", "0", "--save-steps", "0"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).containsPattern("train.src / .*train.tgt: \\d+ source and \\d+ target sentences of 200 are"
                + " longer than max_position_embeddings 8 \\(longest \\d+ and \\d+ tokens\\); they are cut to 8 tokens");
    }

    private static void assertError(String[] args, String message) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("\tat ");
        assertThat(r.err().strip().lines().filter(l -> !l.contains(" WARN ") && !l.contains(" INFO "))).hasSize(1);
    }
}
