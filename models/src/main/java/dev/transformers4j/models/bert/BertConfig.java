package dev.transformers4j.models.bert;

import static dev.transformers4j.models.io.ConfigChecks.require;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.Activation;
import dev.transformers4j.models.io.ConfigJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BERT's hyper-parameters, as in HF's {@code BertConfig}. Immutable and validated when built;
 * {@link #fromJson} and {@link #toJson} are the one place where {@code config.json} names are mapped. Start from
 * the preset {@link #base()} and change fields with {@link #toBuilder}.
 *
 * @param id2label class names of a classification head, by index (empty when there is none)
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        Activation hiddenAct,
        double hiddenDropoutProb,
        double attentionProbsDropoutProb,
        int maxPositionEmbeddings,
        int typeVocabSize,
        double initializerRange,
        double layerNormEps,
        int padTokenId,
        List<String> architectures,
        Map<Integer, String> id2label) {

    public BertConfig {
        architectures = List.copyOf(architectures);
        id2label = Collections.unmodifiableMap(new LinkedHashMap<>(id2label));
        require(vocabSize > 0, "vocab_size", vocabSize, "> 0");
        require(hiddenSize > 0, "hidden_size", hiddenSize, "> 0");
        require(numHiddenLayers >= 0, "num_hidden_layers", numHiddenLayers, ">= 0");
        require(numAttentionHeads > 0 && hiddenSize % numAttentionHeads == 0, "num_attention_heads",
                numAttentionHeads, "> 0 and a divisor of hidden_size " + hiddenSize);
        require(intermediateSize > 0, "intermediate_size", intermediateSize, "> 0");
        require(maxPositionEmbeddings > 0, "max_position_embeddings", maxPositionEmbeddings, "> 0");
        require(typeVocabSize > 0, "type_vocab_size", typeVocabSize, "> 0");
        require(layerNormEps > 0, "layer_norm_eps", layerNormEps, "> 0");
        require(hiddenDropoutProb >= 0 && hiddenDropoutProb < 1, "hidden_dropout_prob", hiddenDropoutProb, "in [0, 1)");
        require(attentionProbsDropoutProb >= 0 && attentionProbsDropoutProb < 1, "attention_probs_dropout_prob",
                attentionProbsDropoutProb, "in [0, 1)");
    }

    /** BERT-base (12 layers, 768 wide, 12 heads), as in the BERT paper, with the 30,522 ids of bert-base-uncased. */
    public static BertConfig base() {
        return base(30522);
    }

    /** BERT-base (12 layers, 768 wide, 12 heads), as in the BERT paper, for a vocabulary of {@code vocabSize} ids. */
    public static BertConfig base(int vocabSize) {
        return new BertConfig(vocabSize, 768, 12, 12, 3072, Activation.GELU, 0.1, 0.1, 512, 2, 0.02, 1e-12, 0,
                List.of("BertModel"), Map.of());
    }

    /** A builder holding this config's fields, to change some of them. */
    public BertConfigBuilder toBuilder() {
        return new BertConfigBuilder(this);
    }

    /** The size of one attention head, {@code d_k = d_model / h}. */
    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    /** The number of labels of a classification head (2 when the config names none, as HF). */
    public int numLabels() {
        return id2label.isEmpty() ? 2 : id2label.size();
    }

    /** The first entry of {@code architectures}, or {@code "BertModel"}. */
    public String architecture() {
        return architectures.isEmpty() ? "BertModel" : architectures.get(0);
    }

    /** A copy with another architecture and labels (for adding a classification head). */
    public BertConfig withHead(String architecture, Map<Integer, String> labels) {
        return toBuilder().architectures(List.of(architecture)).id2label(labels).build();
    }

    /** Reads {@code config.json}. */
    public static BertConfig read(Path file) {
        return fromJson(ConfigJson.read(file));
    }

    /** Maps {@code config.json} fields to the record; errors name the file and field. */
    public static BertConfig fromJson(ConfigJson c) {
        String type = c.getString("model_type", "bert");
        if (!type.equals("bert")) {
            throw c.error("model_type", "expected \"bert\" but was \"" + type + "\"");
        }
        String posType = c.getString("position_embedding_type", "absolute");
        if (!posType.equals("absolute")) {
            throw c.error("position_embedding_type", "only \"absolute\" is supported, not \"" + posType + "\"");
        }
        List<String> arch = new ArrayList<>();
        c.root().path("architectures").forEach(n -> arch.add(n.asText()));
        Map<Integer, String> labels = new LinkedHashMap<>();
        var id2label = c.root().path("id2label");
        for (var it = id2label.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            try {
                labels.put(Integer.parseInt(e.getKey()), e.getValue().asText());
            } catch (NumberFormatException ex) {
                throw c.error("id2label", "keys must be integers but found '" + e.getKey() + "'");
            }
        }
        if (labels.isEmpty() && c.has("num_labels")) {
            for (int i = 0; i < c.requireInt("num_labels"); i++) {
                labels.put(i, "LABEL_" + i);
            }
        }
        try {
            return new BertConfig(c.requireInt("vocab_size"), c.requireInt("hidden_size"),
                    c.requireInt("num_hidden_layers"), c.requireInt("num_attention_heads"),
                    c.requireInt("intermediate_size"), Activation.parse(c.getString("hidden_act", "gelu")),
                    c.getDouble("hidden_dropout_prob", 0.1), c.getDouble("attention_probs_dropout_prob", 0.1),
                    c.getInt("max_position_embeddings", 512), c.getInt("type_vocab_size", 2),
                    c.getDouble("initializer_range", 0.02), c.getDouble("layer_norm_eps", 1e-12),
                    c.getInt("pad_token_id", 0), arch, labels);
        } catch (IllegalArgumentException e) {
            throw new dev.transformers4j.models.io.ModelFileException(c.file(), e.getMessage());
        }
    }

    /** The {@code config.json} that Python {@code transformers} reads back into the same {@code BertConfig}. */
    public ObjectNode toJson() {
        ObjectNode o = ConfigJson.MAPPER.createObjectNode();
        ArrayNode arch = o.putArray("architectures");
        architectures.forEach(arch::add);
        o.put("model_type", "bert");
        o.put("vocab_size", vocabSize);
        o.put("hidden_size", hiddenSize);
        o.put("num_hidden_layers", numHiddenLayers);
        o.put("num_attention_heads", numAttentionHeads);
        o.put("intermediate_size", intermediateSize);
        o.put("hidden_act", hiddenAct.configName());
        o.put("hidden_dropout_prob", hiddenDropoutProb);
        o.put("attention_probs_dropout_prob", attentionProbsDropoutProb);
        o.put("max_position_embeddings", maxPositionEmbeddings);
        o.put("type_vocab_size", typeVocabSize);
        o.put("initializer_range", initializerRange);
        o.put("layer_norm_eps", layerNormEps);
        o.put("pad_token_id", padTokenId);
        o.put("position_embedding_type", "absolute");
        if (!id2label.isEmpty()) {
            ObjectNode i2l = o.putObject("id2label");
            ObjectNode l2i = o.putObject("label2id");
            id2label.forEach((k, v) -> {
                i2l.put(String.valueOf(k), v);
                l2i.put(v, k);
            });
        }
        o.put("torch_dtype", "float32");
        return o;
    }
}
