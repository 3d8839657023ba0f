package dev.transformers4j.pipelines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.io.ConfigJson;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder's sentence-embedding convention, read from sentence-transformers' files as Python's
 * {@code SentenceTransformer(folder)} does: {@code 1_Pooling/config.json} (mean or CLS pooling),
 * {@code sentence_bert_config.json} ({@code max_seq_length}). A plain HF folder gets mean pooling and
 * the model's own position limit.
 *
 * @param maxSeqLength tokens kept per text, 0 for the model's {@code max_position_embeddings}
 */
public record EmbeddingSettings(Pooling pooling, int maxSeqLength) {

    /** Reads the convention of a model folder. */
    public static EmbeddingSettings read(Path folder) {
        Pooling pooling = Pooling.MEAN;
        Path poolingFile = folder.resolve("1_Pooling").resolve("config.json");
        if (Files.isRegularFile(poolingFile)) {
            ObjectNode o = ConfigJson.readObject(poolingFile);
            if (o.path("pooling_mode_cls_token").asBoolean(false)) {
                pooling = Pooling.CLS;
            } else if (!o.path("pooling_mode_mean_tokens").asBoolean(true)) {
                throw new IllegalArgumentException(poolingFile + ": only mean and CLS pooling are supported");
            }
        }
        int maxSeq = 0;
        Path st = folder.resolve("sentence_bert_config.json");
        if (Files.isRegularFile(st)) {
            maxSeq = ConfigJson.read(st).getInt("max_seq_length", 0);
        }
        return new EmbeddingSettings(pooling, maxSeq);
    }
}
