package dev.transformers4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.io.Unpickler.Tuple;
import dev.transformers4j.models.testing.TorchBin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pickle machine on plain values pickled by Python ({@code torch-bin/values-protocol*.pkl}; the expected
 * result is the same dict dumped as JSON by the script): every constant, container and memo opcode of
 * protocols 2 and 5.
 */
class UnpicklerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FILE = Path.of("values.pkl");

    /** A host that allows nothing: plain values need no global, call or persistent id. */
    private static final Unpickler.Host NOTHING = new Unpickler.Host() {
        @Override
        public Object global(String module, String name) {
            throw new AssertionError("global " + module + "." + name);
        }

        @Override
        public Object call(Object callable, Tuple args) {
            throw new AssertionError("call");
        }

        @Override
        public void build(Object target, Object state) {
            throw new AssertionError("build");
        }

        @Override
        public Object persistentLoad(Object pid) {
            throw new AssertionError("persistent id");
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"values-protocol2.pkl", "values-protocol5.pkl"})
    void buildsWhatPythonPickled(String fixture) throws IOException {
        Object v = Unpickler.load(new PickleInput(FILE, fixture, Files.readAllBytes(TorchBin.file(fixture))), NOTHING);
        assertThat(JSON.writeValueAsString(toJson(v)))
                .isEqualTo(JSON.writeValueAsString(TorchBin.json("values.expected.json")));
        Map<?, ?> dict = (Map<?, ?>) v;
        assertThat(dict.get("shared")).as("a memoised object comes back as the same object").isSameAs(dict.get("list"));
        assertThat(dict.get("tuple")).isInstanceOf(Tuple.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 20, 100})
    void aPickleCutAnywhereFailsWithAMessageNotAnIndexError(int length) throws IOException {
        byte[] all = Files.readAllBytes(TorchBin.file("values-protocol2.pkl"));
        byte[] cut = java.util.Arrays.copyOf(all, length);
        assertThatThrownBy(() -> Unpickler.load(new PickleInput(FILE, "data.pkl", cut), NOTHING))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith("values.pkl: data.pkl is not a valid pickle at byte ");
    }

    private static JsonNode toJson(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (v) {
            case null -> f.nullNode();
            case Boolean b -> f.booleanNode(b);
            case Long l -> f.numberNode(l);
            case Double d -> f.numberNode(d);
            case String s -> f.textNode(s);
            case Tuple t -> array(t.items());
            case List<?> l -> array(l);
            case Map<?, ?> m -> {
                ObjectNode o = f.objectNode();
                m.forEach((k, x) -> o.set((String) k, toJson(x)));
                yield o;
            }
            default -> throw new AssertionError(v.getClass());
        };
    }

    private static ArrayNode array(List<?> items) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        items.forEach(x -> a.add(toJson(x)));
        return a;
    }
}
