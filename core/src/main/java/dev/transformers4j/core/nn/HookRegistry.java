package dev.transformers4j.core.nn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Puts hooks on the modules of a tree whose dotted names match a {@link ModulePattern}. A module reachable under
 * two names (a tied sub-module) gets the hook once, under the first name. Registration and removal are
 * serialised; forwards read each module's hooks without locking.
 */
final class HookRegistry {

    private static final int SUGGESTIONS = 5;

    private HookRegistry() {
    }

    static synchronized HookHandle register(Module root, String pattern, ForwardPreHook pre, ForwardHook post) {
        ModulePattern glob = new ModulePattern(pattern);
        Map<Module, String> matched = new IdentityHashMap<>();
        Map<String, Module> inOrder = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        root.forEachModule((name, m) -> {
            all.add(name);
            if (glob.matches(name) && matched.putIfAbsent(m, name) == null) {
                inOrder.put(name, m);
            }
        });
        if (inOrder.isEmpty()) {
            throw new NoSuchModuleException("no module matches '" + pattern + "'; nearest names: "
                    + nearest(pattern, all));
        }
        Object owner = new Object();
        inOrder.forEach((name, m) -> m.hooks(ModuleHooks.plus(m.hooks(), new ModuleHooks.Entry(name, pre, post, owner))));
        return new Handle(owner, inOrder);
    }

    private static synchronized void remove(Object owner, Map<String, Module> modules) {
        modules.values().forEach(m -> {
            ModuleHooks h = m.hooks();
            if (h != null) {
                m.hooks(h.minus(owner));
            }
        });
    }

    /** The names closest to {@code pattern} in edit distance, in module order among equals. */
    static String nearest(String pattern, List<String> names) {
        return names.stream()
                .sorted(Comparator.comparingInt((String n) -> editDistance(pattern, n)))
                .limit(SUGGESTIONS)
                .map(n -> n.isEmpty() ? "\"\" (the root)" : n)
                .collect(Collectors.joining(", "));
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private record Handle(Object owner, Map<String, Module> byName) implements HookHandle {

        @Override
        public void remove() {
            HookRegistry.remove(owner, byName);
        }

        @Override
        public List<String> modules() {
            return List.copyOf(byName.keySet());
        }
    }
}
