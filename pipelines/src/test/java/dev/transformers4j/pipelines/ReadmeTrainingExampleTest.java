package dev.transformers4j.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.models.gpt2.GPT2Config;
import dev.transformers4j.models.gpt2.GPT2LMHeadModel;
import dev.transformers4j.pipelines.data.LmCorpus;
import dev.transformers4j.train.Batch;
import dev.transformers4j.train.CausalLanguageModelingTask;
import dev.transformers4j.train.TrainResult;
import dev.transformers4j.train.Trainer;
import dev.transformers4j.train.TrainingArguments;
import dev.transformers4j.train.optim.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Training example "The same from Java, as {@code t4j train causal-lm} does it", kept in step with it:
 * its block is compiled here ({@link #readmeBlock}: 1,500 steps, too long to run in a test), each of its lines must
 * be in this file, and the same calls train a tiny GPT-2 into a folder that {@link TextGenerationPipeline} loads.
 */
class ReadmeTrainingExampleTest {

    @TempDir
    Path tmp;

    static TrainResult readmeBlock(Path out) {
        // --- the README's block, from here ...
        LmCorpus corpus = LmCorpus.read(Path.of("input.txt"), "char");                 // tokenized once, split 90/10
        int v = corpus.tokenizer().vocabSize();                                        // the characters, then <unk>
        GPT2Config config = GPT2Config.small().toBuilder().vocabSize(v).nPositions(128).nEmbd(128).nLayer(4).nHead(4)
                .nInner(512).bosTokenId(v - 1).eosTokenId(v - 1).build();  // <unk> ends a text, as in the CLI
        GPT2LMHeadModel model = GPT2LMHeadModel.initialized(config, 42);               // HF's initial weights
        TrainingArguments args = TrainingArguments.builder(out).learningRate(2e-3).batchSize(32).maxSteps(1500)
                .evalSteps(500).saveSteps(500).build();
        Trainer<Batch> trainer = new Trainer<>(model, new CausalLanguageModelingTask(model), corpus.trainWindows(128),
                corpus.validationWindows(128, 0), args).withSchedule(Schedule.cosine(2e-3, 100, 1500));
        Path last = Trainer.latestCheckpoint(out);                                     // --resume
        TrainResult result = last == null ? trainer.train() : trainer.resume(last);
        corpus.tokenizer().saveTo(out);
        HfFolderFiles.writeGenerationConfig(out, config.bosTokenId(), config.eosTokenId(), config.nPositions());
        // --- ... to here.
        return result;
    }

    @Test
    void theReadmeShowsThisTestsCode() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("The same from Java, as `t4j train causal-lm` does it");
        assertThat(section).as("the README's Training example").isPositive();
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        String test = Files.readString(
                Path.of("src/test/java/dev/transformers4j/pipelines/ReadmeTrainingExampleTest.java"));
        List<String> lines = block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertThat(lines).hasSizeGreaterThan(10)
                .allSatisfy(l -> assertThat(test).as("ReadmeTrainingExampleTest holds the README's line").contains(l));
    }

    /** The block's calls at toy size: 6 steps of a 1-layer model on a verse; the folder generates text. */
    @Test
    void theSameCallsTrainATinyGptThatGenerates() throws IOException {
        Path text = Files.writeString(tmp.resolve("input.txt"),
                "To be, or not to be, that is the question:\n".repeat(8));
        Path out = tmp.resolve("tiny-gpt");
        LmCorpus corpus = LmCorpus.read(text, "char");
        int v = corpus.tokenizer().vocabSize();
        GPT2Config config = GPT2Config.small().toBuilder().vocabSize(v).nPositions(16).nEmbd(16).nLayer(1).nHead(2)
                .nInner(37).bosTokenId(v - 1).eosTokenId(v - 1).build();
        GPT2LMHeadModel model = GPT2LMHeadModel.initialized(config, 42);
        TrainingArguments args = TrainingArguments.builder(out).learningRate(1e-2).batchSize(8).maxSteps(6)
                .evalSteps(3).saveSteps(3).progressBar(false).build();
        Trainer<Batch> trainer = new Trainer<>(model, new CausalLanguageModelingTask(model), corpus.trainWindows(16),
                corpus.validationWindows(16, 0), args).withSchedule(Schedule.cosine(1e-2, 2, 6));
        TrainResult result = trainer.train();
        corpus.tokenizer().saveTo(out);
        HfFolderFiles.writeGenerationConfig(out, config.bosTokenId(), config.eosTokenId(), config.nPositions());

        assertThat(result.globalStep()).isEqualTo(6);
        assertThat(result.state().evals()).hasSize(2);
        assertThat(Trainer.latestCheckpoint(out)).isEqualTo(out.resolve("checkpoint-6"));
        TextGenerationPipeline generator = TextGenerationPipeline.load(out.toString());
        assertThat(generator.defaults().maxNewTokens()).isEqualTo(12);                  // 3/4 of 16 positions
        assertThat(generator.generate(List.of("T"), generator.defaults(), null).get(0).newIds()).isNotEmpty()
                .hasSizeLessThanOrEqualTo(12);                                              // </s> may end it sooner
    }
}
