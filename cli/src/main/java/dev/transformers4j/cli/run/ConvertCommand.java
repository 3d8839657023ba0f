package dev.transformers4j.cli.run;

import dev.transformers4j.cli.support.OutputFolderOptions;
import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.io.PyTorchCheckpoint;
import dev.transformers4j.models.io.PyTorchConverter;
import dev.transformers4j.onnx.OnnxConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code t4j convert}: an ONNX BERT export, or a PyTorch checkpoint ({@code pytorch_model.bin} or a folder
 * holding one), into a Hugging Face folder. The input's kind is read from its content.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a model into an HF folder (config.json, model.safetensors, tokenizer files).",
            "MODEL is recognised by its content: an ONNX BERT model (as shipped in the langchain4j embedding jars),"
                    + " or a PyTorch checkpoint (pytorch_model.bin, or an HF folder holding one, whose config and"
                    + " tokenizer files are copied), read without running its pickle: anything but tensors is"
                    + " refused."})
public final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "The ONNX file, the pytorch_model.bin, or the HF folder holding pytorch_model.bin.")
    Path input;

    @Option(names = "--tokenizer", paramLabel = "tokenizer.json", description = "A tokenizer.json to copy into the folder.")
    Path tokenizer;

    @Mixin
    OutputFolderOptions output;

    @Override
    public Integer call() {
        boolean folder = Files.isDirectory(input);
        if (!folder && !Files.isRegularFile(input)) {
            throw new IllegalArgumentException(input + ": file not found");
        }
        if (tokenizer != null && !Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException("--tokenizer: " + tokenizer + ": file not found");
        }
        if (folder || PyTorchCheckpoint.looksLikePyTorch(input)) {
            convertPyTorch();
        } else {
            BertConfig c = OnnxConverter.convert(input, tokenizer, output.out, output.overwrite);
            spec.commandLine().getOut().printf("wrote %s: BERT, %d layers, hidden %d, %d heads, vocabulary %d%n", output.out,
                    c.numHiddenLayers(), c.hiddenSize(), c.numAttentionHeads(), c.vocabSize());
        }
        return 0;
    }

    private void convertPyTorch() {
        PyTorchConverter.Result r = PyTorchConverter.convert(input, tokenizer, output.out, output.overwrite);
        StringBuilder line = new StringBuilder(String.format("wrote %s: model.safetensors, %d tensors from %s", output.out,
                r.tensors(), r.checkpoint()));
        storedOnce(r.aliases()).forEach((kept, names) ->
                line.append("; stored once: ").append(String.join(", ", names)).append(" as ").append(kept));
        if (!r.copied().isEmpty()) {
            line.append("; copied ").append(String.join(", ", r.copied()));
        }
        spec.commandLine().getOut().println(line);
    }

    /** The tied names grouped by the name they are stored under. */
    private static Map<String, List<String>> storedOnce(Map<String, String> aliases) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        aliases.forEach((name, kept) -> out.computeIfAbsent(kept, k -> new ArrayList<>()).add(name));
        return out;
    }
}
