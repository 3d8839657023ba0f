package dev.transformers4j.cli.inspect;

import dev.transformers4j.cli.support.IdLists;
import dev.transformers4j.learn.LoadedModel;
import dev.transformers4j.learn.Token;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The input of the commands that look inside a model: one TEXT, or {@code --ids} for folders without a tokenizer. */
public final class InspectInput {

    @Parameters(paramLabel = "TEXT", arity = "0..1",
            description = "The text, tokenized by the model's tokenizer (special tokens added as it does).")
    String text;

    @Option(names = "--ids", paramLabel = "IDS",
            description = "Comma-separated token ids instead of TEXT (for model folders without a tokenizer).")
    String ids;

    /** The tokens of TEXT or of {@code --ids}. */
    List<Token> tokens(LoadedModel m) {
        if (text != null && ids != null) {
            throw new IllegalArgumentException("give a TEXT or --ids, not both");
        }
        if (text == null && ids == null) {
            throw new IllegalArgumentException("no input: give a TEXT (or --ids)");
        }
        List<Token> tokens = text != null ? m.tokenize(text) : m.tokens(IdLists.parse("--ids", ids));
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("the text has no tokens");
        }
        return tokens;
    }

    /** A token's text quoted like a JSON string, so that spaces and newlines show ({@code " the"}). */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
