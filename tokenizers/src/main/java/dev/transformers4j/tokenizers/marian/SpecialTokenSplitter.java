package dev.transformers4j.tokenizers.marian;

import java.util.ArrayList;
import java.util.List;

/**
 * HF's slow-tokenizer {@code tokens_trie.split}: the text cut around every occurrence of a special
 * token (the leftmost first, the longest of those starting there), the tokens kept as pieces of their
 * own; empty pieces are dropped.
 */
final class SpecialTokenSplitter {
    private SpecialTokenSplitter() {
    }

    static List<String> split(String text, List<String> specialTokens) {
        List<String> pieces = new ArrayList<>();
        int done = 0;
        for (int i = 0; i < text.length(); ) {
            String found = null;
            for (String token : specialTokens) {
                if (text.startsWith(token, i) && (found == null || token.length() > found.length())) {
                    found = token;
                }
            }
            if (found == null) {
                i++;
                continue;
            }
            if (done < i) {
                pieces.add(text.substring(done, i));
            }
            pieces.add(found);
            i += found.length();
            done = i;
        }
        if (done < text.length()) {
            pieces.add(text.substring(done));
        }
        return pieces;
    }
}
