package dev.transformers4j.tokenizers.processors;

import dev.transformers4j.tokenizers.encoding.EncodedToken;
import dev.transformers4j.tokenizers.encoding.TokenSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HF's {@code TemplateProcessing}: the output follows a template such as {@code [CLS] $A [SEP]} (single)
 * or {@code [CLS] $A [SEP] $B:1 [SEP]:1} (pair), where {@code :n} is the type id. BERT's
 * {@code BertProcessing} is the same as these two templates.
 */
public record TemplateProcessing(List<Piece> single, List<Piece> pair, Map<String, SpecialToken> specialTokens)
        implements PostProcessor {

    /** One element of a template: a sequence ({@code $A}, {@code $B}) or a special token. */
    public sealed interface Piece {
        int typeId();
    }

    /** {@code $A} (first = true) or {@code $B}. */
    public record SequencePiece(boolean first, int typeId) implements Piece {
    }

    /** A named special token of {@link #specialTokens}. */
    public record SpecialTokenPiece(String name, int typeId) implements Piece {
    }

    /** A special token may expand to several ids/tokens. */
    public record SpecialToken(String name, List<Integer> ids, List<String> tokens) {
    }

    public TemplateProcessing {
        single = List.copyOf(single);
        pair = List.copyOf(pair);
        specialTokens = Map.copyOf(specialTokens);
    }

    /** HF's {@code BertProcessing}: {@code cls $A sep} and {@code cls $A sep $B:1 sep:1}. */
    public static TemplateProcessing bert(String sepToken, int sepId, String clsToken, int clsId) {
        List<Piece> single = List.of(new SpecialTokenPiece(clsToken, 0), new SequencePiece(true, 0),
                new SpecialTokenPiece(sepToken, 0));
        List<Piece> pair = new ArrayList<>(single);
        pair.add(new SequencePiece(false, 1));
        pair.add(new SpecialTokenPiece(sepToken, 1));
        return new TemplateProcessing(single, pair, Map.of(
                sepToken, new SpecialToken(sepToken, List.of(sepId), List.of(sepToken)),
                clsToken, new SpecialToken(clsToken, List.of(clsId), List.of(clsToken))));
    }

    @Override
    public int addedTokens(boolean isPair) {
        return (isPair ? pair : single).stream()
                .mapToInt(p -> p instanceof SpecialTokenPiece s ? specialTokens.get(s.name()).ids().size() : 0)
                .sum();
    }

    @Override
    public TokenSequence process(TokenSequence first, TokenSequence second, boolean addSpecialTokens) {
        List<TokenSequence> parts = new ArrayList<>();
        for (Piece piece : second == null ? single : pair) {
            switch (piece) {
                case SequencePiece s -> parts.add((s.first() ? first : second).withTypeId(s.typeId()));
                case SpecialTokenPiece s -> {
                    if (addSpecialTokens) {
                        parts.add(expand(specialTokens.get(s.name()), s.typeId()));
                    }
                }
            }
        }
        return TokenSequence.merge(parts);
    }

    private static TokenSequence expand(SpecialToken token, int typeId) {
        List<EncodedToken> tokens = new ArrayList<>();
        for (int i = 0; i < token.ids().size(); i++) {
            tokens.add(EncodedToken.special(token.ids().get(i), token.tokens().get(i), typeId));
        }
        return TokenSequence.of(tokens);
    }
}
