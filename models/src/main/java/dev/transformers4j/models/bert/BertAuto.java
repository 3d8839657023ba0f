package dev.transformers4j.models.bert;

import dev.transformers4j.models.PretrainedModel;
import java.nio.file.Path;

/** The BERT entry of {@link dev.transformers4j.models.AutoModel}. */
public final class BertAuto {

    private BertAuto() {
    }

    /** The architecture named in config.json ({@code architectures[0]}), loaded. */
    public static PretrainedModel fromPretrained(Path dir) {
        return BertPretrained.load(dir, null);
    }
}
