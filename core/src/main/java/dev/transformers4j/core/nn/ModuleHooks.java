package dev.transformers4j.core.nn;

import dev.transformers4j.core.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The hooks registered on one module: an immutable snapshot, replaced as a whole when a hook is added or
 * removed, so a forward that is running keeps the set it started with. A module without hooks holds null.
 */
final class ModuleHooks {

    /** A hook with the name it was registered under and the registration that owns it. */
    record Entry(String name, ForwardPreHook pre, ForwardHook post, Object owner) {
    }

    private final List<Entry> entries;
    private final boolean anyPost;

    private ModuleHooks(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        this.anyPost = entries.stream().anyMatch(e -> e.post() != null);
    }

    /** {@code current} (or none) with one more entry. */
    static ModuleHooks plus(ModuleHooks current, Entry entry) {
        List<Entry> all = new ArrayList<>(current == null ? List.of() : current.entries);
        all.add(entry);
        return new ModuleHooks(all);
    }

    /** These hooks without the entries of {@code owner}; null when none is left. */
    ModuleHooks minus(Object owner) {
        List<Entry> left = entries.stream().filter(e -> e.owner() != owner).toList();
        return left.isEmpty() ? null : new ModuleHooks(left);
    }

    /** Whether a forward hook (not a pre-hook) is registered here. */
    boolean hasForwardHooks() {
        return anyPost;
    }

    /**
     * Runs the pre-hooks and returns the call whose {@link ForwardCall#exit} runs the forward hooks and closes
     * {@code frame} (the forward's workspace frame, or null).
     */
    ForwardCall enter(Module module, Workspace.Frame frame, Object... inputs) {
        Workspace.escapeAll();                          // a hook may keep what it is shown
        List<Object> in = Collections.unmodifiableList(Arrays.asList(inputs));
        for (Entry e : entries) {
            if (e.pre() != null) {
                e.pre().beforeForward(e.name(), module, in);
            }
        }
        return anyPost ? new ForwardCall(module, this, in, frame) : ForwardCall.of(frame);
    }

    /** Runs the forward hooks, last registered last (as torch). */
    void exit(Module module, List<Object> inputs, Object output) {
        for (Entry e : entries) {
            if (e.post() != null) {
                e.post().afterForward(e.name(), module, inputs, output);
            }
        }
    }
}
