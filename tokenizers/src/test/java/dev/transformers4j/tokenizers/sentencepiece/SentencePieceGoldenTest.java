package dev.transformers4j.tokenizers.sentencepiece;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our {@link SentencePieceProcessor} against the real SentencePiece (its C++ compiled to WebAssembly,
 * run once by {@code make-fixtures.mjs}; the outputs are committed): the pieces and the decoded text of
 * 700 texts under three models that differ in their normalization settings.
 */
class SentencePieceGoldenTest {

    static Stream<SpmFixture.Variant> variants() {
        return Stream.of(SpmFixture.NMT_NFKC, SpmFixture.IDENTITY_KEEP_SPACES, SpmFixture.BYTE_FALLBACK_NO_PREFIX);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void piecesAndDecodingEqualSentencePiece(SpmFixture.Variant variant) {
        JsonNode golden = SpmFixture.json(SpmFixture.GOLDEN);
        JsonNode expected = golden.get("variants").get(variant.name());
        assertThat(expected).as("golden variant " + variant.name()).isNotNull();
        SentencePieceProcessor processor = SpmFixture.processor(variant);
        List<String> failures = new ArrayList<>();
        JsonNode texts = golden.get("texts");
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i).asText();
            List<String> pieces = new ArrayList<>();
            expected.get(i).get("pieces").forEach(p -> pieces.add(p.asText()));
            List<String> ours = processor.encodePieces(text);
            if (!ours.equals(pieces)) {
                failures.add(i + " " + SpmFixture.escape(text) + ": pieces " + ours + " vs " + pieces);
            }
            String decoded = processor.decodeIds(processor.encodeIds(text));
            if (!decoded.equals(expected.get(i).get("decoded").asText())) {
                failures.add(i + " " + SpmFixture.escape(text) + ": decoded " + SpmFixture.escape(decoded) + " vs "
                        + SpmFixture.escape(expected.get(i).get("decoded").asText()));
            }
        }
        assertThat(failures).as("%s: %d of %d texts differ from SentencePiece", variant.name(), failures.size(),
                texts.size()).isEmpty();
    }
}
