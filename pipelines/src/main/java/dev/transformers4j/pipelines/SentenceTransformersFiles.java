package dev.transformers4j.pipelines;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.bert.BertConfig;
import dev.transformers4j.models.io.AtomicFiles;
import dev.transformers4j.models.io.ConfigJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files that describe a sentence-embedding model beside its HF files: {@code t4j_builtin.json} (read by
 * the transformers4j pipelines) and sentence-transformers' {@code modules.json}, {@code sentence_bert_config.json},
 * {@code 1_Pooling/config.json} and {@code 2_Normalize/}, so that Python's
 * {@code SentenceTransformer(folder)} loads the same pipeline.
 */
final class SentenceTransformersFiles {

    /** The transformers4j description of a built-in model's embedding convention. */
    static final String T4J_FILE = "t4j_builtin.json";

    private SentenceTransformersFiles() {
    }

    /** Writes all the files into {@code folder}. */
    static void write(Path folder, BertConfig config, BuiltinModel model) throws IOException {
        ConfigJson.write(folder.resolve(T4J_FILE), t4jJson(model));
        AtomicFiles.writeString(folder.resolve("modules.json"),
                ConfigJson.MAPPER.writeValueAsString(modules(model)) + "\n");
        ObjectNode st = ConfigJson.MAPPER.createObjectNode();
        st.put("max_seq_length", model.maxSeqLength());
        st.put("do_lower_case", false);
        ConfigJson.write(folder.resolve("sentence_bert_config.json"), st);
        ConfigJson.write(folder.resolve("1_Pooling").resolve("config.json"), pooling(config, model.pooling()));
        if (model.normalize()) {
            Files.createDirectories(folder.resolve("2_Normalize"));
        }
    }

    /** {@code {"name", "pooling": "mean"|"cls", "normalize", "max_seq_length", "source"}}. */
    static ObjectNode t4jJson(BuiltinModel model) {
        ObjectNode o = ConfigJson.MAPPER.createObjectNode();
        o.put("name", model.name());
        o.put("pooling", model.pooling().jsonName());
        o.put("normalize", model.normalize());
        o.put("max_seq_length", model.maxSeqLength());
        o.put("source", model.mavenArtifact());
        return o;
    }

    private static ArrayNode modules(BuiltinModel model) {
        ArrayNode modules = ConfigJson.MAPPER.createArrayNode();
        module(modules, 0, "", "sentence_transformers.models.Transformer");
        module(modules, 1, "1_Pooling", "sentence_transformers.models.Pooling");
        if (model.normalize()) {
            module(modules, 2, "2_Normalize", "sentence_transformers.models.Normalize");
        }
        return modules;
    }

    private static void module(ArrayNode modules, int idx, String path, String type) {
        modules.addObject().put("idx", idx).put("name", String.valueOf(idx)).put("path", path).put("type", type);
    }

    private static ObjectNode pooling(BertConfig config, Pooling pooling) {
        ObjectNode o = ConfigJson.MAPPER.createObjectNode();
        o.put("word_embedding_dimension", config.hiddenSize());
        o.put("pooling_mode_cls_token", pooling == Pooling.CLS);
        o.put("pooling_mode_mean_tokens", pooling == Pooling.MEAN);
        o.put("pooling_mode_max_tokens", false);
        o.put("pooling_mode_mean_sqrt_len_tokens", false);
        return o;
    }
}
