package dev.transformers4j.tokenizers.added;

import dev.transformers4j.tokenizers.models.Model;
import dev.transformers4j.tokenizers.models.ModelToken;
import dev.transformers4j.tokenizers.normalizers.Normalizer;
import dev.transformers4j.tokenizers.text.NormalizedString;
import dev.transformers4j.tokenizers.text.PreTokenizedString;
import dev.transformers4j.tokenizers.text.PreTokenizedString.Split;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The added and special tokens, found in the text before the model sees it (HF's
 * {@code AddedVocabulary::extract_and_normalize}): first the non-normalized tokens are cut out of the
 * raw text, then each remaining piece is normalized and the normalized tokens are cut out of it. A
 * cut-out token is already tokenized; the pieces in between go on through the pipeline.
 */
public final class AddedVocabulary {
    private static final Pattern STARTS_WITH_WORD = Pattern.compile("^\\w", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern ENDS_WITH_WORD = Pattern.compile("\\w$", Pattern.UNICODE_CHARACTER_CLASS);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AddedVocabulary.class);

    private final List<AddedToken> tokens;
    private final Map<String, AddedToken> byContent = new HashMap<>();
    private final Map<Integer, AddedToken> byId = new HashMap<>();
    private final TokenMatcher rawMatcher = new TokenMatcher();
    private final TokenMatcher normalizedMatcher = new TokenMatcher();

    /** Special tokens are matched before the others, as HF orders its matching set. */
    public AddedVocabulary(List<AddedToken> tokens, Normalizer normalizer) {
        this.tokens = List.copyOf(tokens);
        List<AddedToken> ordered = new ArrayList<>(tokens.stream().filter(AddedToken::special).toList());
        ordered.addAll(tokens.stream().filter(t -> !t.special()).toList());
        for (AddedToken token : ordered) {
            byContent.put(token.content(), token);
            byId.put(token.id(), token);
            if (token.normalized()) {
                NormalizedString content = NormalizedString.of(token.content());
                if (normalizer != null) {
                    normalizer.normalize(content);
                }
                normalizedMatcher.add(content.get(), token);
            } else {
                rawMatcher.add(token.content(), token);
            }
        }
    }

    /**
     * The ids HF actually gives the tokens of a file ({@code AddedVocabulary::add_tokens}): a token that
     * is already added or in the model's vocabulary keeps that id, whatever the file says; a new one gets
     * the next id after the model's vocabulary and the tokens added so far. HF only warns on a mismatch.
     */
    public static List<AddedToken> assignIds(List<AddedToken> fromFile, Model model) {
        Map<String, Integer> assigned = new HashMap<>();
        List<AddedToken> result = new ArrayList<>();
        int maxId = -1;
        for (AddedToken token : fromFile) {
            Integer id = assigned.get(token.content());
            if (id == null) {
                OptionalInt inModel = model.tokenToId(token.content());
                id = inModel.isPresent() ? inModel.getAsInt()
                        : maxId >= model.vocabSize() || model.vocabSize() == 0 && maxId >= 0 ? maxId + 1
                        : model.vocabSize();
            }
            if (id != token.id()) {
                LOG.warn("Added token '{}' is declared with id {} but gets id {}, as in HF tokenizers",
                        token.content(), token.id(), id);
            }
            assigned.put(token.content(), id);
            maxId = Math.max(maxId, id);
            result.add(new AddedToken(id, token.content(), token.singleWord(), token.lstrip(), token.rstrip(),
                    token.normalized(), token.special()));
        }
        return result;
    }

    public List<AddedToken> tokens() {
        return tokens;
    }

    public AddedToken byContent(String content) {
        return byContent.get(content);
    }

    public AddedToken byId(int id) {
        return byId.get(id);
    }

    /** The text split around added tokens, its other pieces normalized by {@code normalizer} (may be null). */
    public PreTokenizedString extractAndNormalize(Normalizer normalizer, String text) {
        PreTokenizedString pre = new PreTokenizedString(text);
        pre.split(piece -> splitAround(piece, rawMatcher));
        pre.split(piece -> {
            if (normalizer != null) {
                normalizer.normalize(piece);
            }
            return splitAround(piece, normalizedMatcher);
        });
        return pre;
    }

    private List<Split> splitAround(NormalizedString piece, TokenMatcher matcher) {
        String s = piece.get();
        List<Split> splits = new ArrayList<>();
        int done = 0;
        for (TokenMatcher.Found found : matcher.findAll(s)) {
            AddedToken token = found.token();
            int start = found.start();
            int stop = found.end();
            if (token.singleWord() && !isSingleWord(s, start, stop)) {
                continue;
            }
            if (token.lstrip()) {
                start = Math.max(leadingWhitespaceStart(s, start), done);
            }
            if (token.rstrip()) {
                stop = trailingWhitespaceEnd(s, stop);
            }
            if (done < start) {
                splits.add(Split.untokenized(piece.slice(done, start)));
            }
            NormalizedString slice = piece.slice(start, stop);
            splits.add(new Split(slice, List.of(new ModelToken(token.id(), slice.get(), 0, slice.get().length()))));
            done = stop;
        }
        if (done != s.length() || s.isEmpty()) {
            splits.add(Split.untokenized(piece.slice(done, s.length())));
        }
        return splits;
    }

    private static boolean isSingleWord(String s, int start, int stop) {
        boolean spaceBefore = start == 0 || !ENDS_WITH_WORD.matcher(s.substring(0, start)).find();
        boolean spaceAfter = stop == s.length() || !STARTS_WITH_WORD.matcher(s.substring(stop)).find();
        return spaceBefore && spaceAfter;
    }

    /** Start of the whitespace run ending at {@code end} (HF's {@code \s*$} on the text before). */
    private static int leadingWhitespaceStart(String s, int end) {
        int i = end;
        while (i > 0 && dev.transformers4j.tokenizers.text.CharClasses.isWhitespace(s.codePointBefore(i))) {
            i -= Character.charCount(s.codePointBefore(i));
        }
        return i;
    }

    /** End of the whitespace run starting at {@code start} (HF's {@code ^\s*} on the text after). */
    private static int trailingWhitespaceEnd(String s, int start) {
        int i = start;
        while (i < s.length() && dev.transformers4j.tokenizers.text.CharClasses.isWhitespace(s.codePointAt(i))) {
            i += Character.charCount(s.codePointAt(i));
        }
        return i;
    }
}
