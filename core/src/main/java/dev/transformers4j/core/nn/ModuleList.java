package dev.transformers4j.core.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** {@code nn.ModuleList}: sub-modules named {@code 0, 1, 2, ...}, as in {@code encoder.layer.3}. */
public final class ModuleList<M extends Module> extends Module implements Iterable<M> {

    private final List<M> items = new ArrayList<>();

    /** Appends a module under the next index and returns it. */
    public M add(M module) {
        items.add(child(String.valueOf(items.size()), module));
        return module;
    }

    public M get(int i) {
        return items.get(i);
    }

    public int size() {
        return items.size();
    }

    @Override
    public Iterator<M> iterator() {
        return items.iterator();
    }
}
