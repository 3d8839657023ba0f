package dev.transformers4j.cli;

import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.onnx.OnnxConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code t4j convert}: an ONNX BERT export into a Hugging Face folder. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert an ONNX BERT model (as shipped in the langchain4j embedding jars) into an HF folder: "
                + "config.json, model.safetensors, tokenizer.json.")
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX file.")
    Path onnx;

    @Option(names = "--tokenizer", paramLabel = "tokenizer.json", description = "A tokenizer.json to copy into the folder.")
    Path tokenizer;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "DIR", description = "The folder to write (must not exist).")
    Path out;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(onnx)) {
            throw new IllegalArgumentException(onnx + ": file not found");
        }
        if (tokenizer != null && !Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException("--tokenizer: " + tokenizer + ": file not found");
        }
        BertConfig c = OnnxConverter.convert(onnx, tokenizer, out);
        spec.commandLine().getOut().printf("wrote %s: BERT, %d layers, hidden %d, %d heads, vocabulary %d%n", out,
                c.numHiddenLayers(), c.hiddenSize(), c.numAttentionHeads(), c.vocabSize());
        return 0;
    }
}
