package dev.transformers4j.tokenizers.added;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the added tokens in a string: leftmost first, longest at that position, non-overlapping
 * (the Aho-Corasick {@code LeftmostLongest} search HF uses).
 */
final class TokenMatcher {
    /** A found token: its span {@code [start, end)} and which added token it is. */
    record Found(int start, int end, AddedToken token) {
    }

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>();
        AddedToken token;
    }

    private final Node root = new Node();
    private boolean empty = true;

    /** Matches {@code pattern} (the token's content, possibly normalized) as {@code token}. */
    void add(String pattern, AddedToken token) {
        if (pattern.isEmpty()) {
            return;
        }
        Node node = root;
        for (int i = 0; i < pattern.length(); i++) {
            node = node.next.computeIfAbsent(pattern.charAt(i), c -> new Node());
        }
        if (node.token == null) {
            node.token = token;
        }
        empty = false;
    }

    List<Found> findAll(String s) {
        List<Found> found = new ArrayList<>();
        if (empty) {
            return found;
        }
        int i = 0;
        while (i < s.length()) {
            Found match = longestAt(s, i);
            if (match == null) {
                i++;
            } else {
                found.add(match);
                i = match.end();
            }
        }
        return found;
    }

    private Found longestAt(String s, int start) {
        Node node = root;
        Found best = null;
        for (int i = start; i < s.length(); i++) {
            node = node.next.get(s.charAt(i));
            if (node == null) {
                break;
            }
            if (node.token != null) {
                best = new Found(start, i + 1, node.token);
            }
        }
        return best;
    }
}
