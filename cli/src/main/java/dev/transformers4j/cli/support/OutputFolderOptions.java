package dev.transformers4j.cli.support;

import dev.transformers4j.models.io.ModelFolders;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --out DIR [--overwrite]} of the commands that write a model or tokenizer folder (a picocli mixin): a new or
 * empty folder, or with {@code --overwrite} one that transformers4j wrote ({@link dev.transformers4j.models.io.OutputFolder}).
 */
public final class OutputFolderOptions {

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "DIR",
            description = "The folder to write: new or empty (see --overwrite).")
    public Path out;

    @Option(names = "--overwrite", description = "Replace --out if it is a folder transformers4j wrote (never any other folder).")
    public boolean overwrite;

    /** What to do with a non-empty {@code --out} when the new folder is renamed into place. */
    public ModelFolders.IfExists ifExists() {
        return overwrite ? ModelFolders.IfExists.OVERWRITE : ModelFolders.IfExists.REFUSE;
    }
}
