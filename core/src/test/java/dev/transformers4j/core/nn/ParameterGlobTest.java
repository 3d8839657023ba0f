package dev.transformers4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Parameter globs: {@code *} across dots, {@code ?} one character, behind the base model's prefix. */
class ParameterGlobTest {

    private static final List<String> NAMES = List.of("bert.embeddings.word_embeddings.weight",
            "bert.encoder.layer.0.attention.self.query.weight", "bert.encoder.layer.0.attention.self.query.bias",
            "bert.encoder.layer.0.output.LayerNorm.weight", "bert.encoder.layer.1.output.dense.bias",
            "bert.encoder.layer.10.output.dense.bias", "classifier.weight", "classifier.bias", "a.b", "ab", "a.x.b");

    @Test
    void starSpansDotsAndQuestionMarkIsOneCharacter() {
        assertThat(matching("bert.encoder.layer.0.*", "")).containsExactly(NAMES.get(1), NAMES.get(2), NAMES.get(3));
        assertThat(matching("*.bias", "")).hasSize(4);
        assertThat(matching("bert.encoder.layer.1*.bias", "")).containsExactly(NAMES.get(4), NAMES.get(5));
        assertThat(matching("bert.encoder.layer.?.output.*", "")).containsExactly(NAMES.get(3), NAMES.get(4));
        assertThat(matching("a?b", "")).containsExactly("a.b");
        assertThat(matching("a*b", "")).containsExactly("a.b", "ab", "a.x.b");
        assertThat(matching("classifier.weight", "")).containsExactly("classifier.weight");
        assertThat(matching("classifier", "")).isEmpty();
    }

    @Test
    void aGlobAlsoMatchesBehindTheBaseModelPrefix() {
        assertThat(matching("encoder.layer.0.*", "bert")).containsExactly(NAMES.get(1), NAMES.get(2), NAMES.get(3));
        assertThat(matching("encoder.layer.0.*", "")).isEmpty();
        assertThat(matching("encoder.layer.0.*", "transformer")).isEmpty();
        assertThat(new ParameterGlob("shared.weight").matches("model.shared.weight", "model")).isTrue();
    }

    /** The old regex dialect ({@code *} = {@code .*}, {@code ?} = {@code .}) selects exactly the same names. */
    @Test
    void selectsWhatTheRegexDialectSelects() {
        for (String glob : List.of("*", "**", "*.weight", "bert.*.bias", "bert.encoder.layer.1*", "*query*", "a?b",
                "?", "a.?", "*.?.*", "a*.b", "*layer.?.*", "bert.encoder.*.dense.*", "classifier.*", "*.", ".*",
                "a..b", "")) {
            Pattern regex = Pattern.compile(Pattern.quote(glob).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
            ParameterGlob g = new ParameterGlob(glob);
            for (String name : NAMES) {
                assertThat(g.matches(name)).as("'%s' on %s", glob, name).isEqualTo(regex.matcher(name).matches());
            }
        }
    }

    @Test
    void selectKeepsGlobOrderThenModelOrderOnceAndNamesAGlobThatMatchesNothing() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        NAMES.forEach(n -> all.put(n, null));
        assertThat(ParameterGlob.select(all, "bert", List.of("classifier.*", "*.bias")).keySet()).containsExactly(
                "classifier.weight", "classifier.bias", NAMES.get(2), NAMES.get(4), NAMES.get(5));
        assertThat(ParameterGlob.select(all, "bert", List.of())).isSameAs(all);
        assertThatThrownBy(() -> ParameterGlob.select(all, "bert", List.of("*.bias", "encoder.layer.9.*")))
                .hasMessage("'encoder.layer.9.*' matches no parameter (names look like '" + NAMES.get(0) + "')");
        assertThatThrownBy(() -> new ParameterGlob("?".repeat(13))).hasMessageContaining("more than 12 wildcards");
    }

    private static List<String> matching(String glob, String prefix) {
        ParameterGlob g = new ParameterGlob(glob);
        return NAMES.stream().filter(n -> g.matches(n, prefix)).toList();
    }
}
