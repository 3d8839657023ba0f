package dev.transformers4j.core;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One thread's use of the {@link Workspace}: the arrays handed out during the running forward pass (a list whose
 * tail belongs to the innermost module), the stack of module frames over it, and the borrowed {@link Arena}.
 */
final class WorkspaceThread {

    final Thread owner;
    Arena arena;                                     // borrowed while depth > 0
    int depth;
    long reused;
    long allocated;

    private float[][] tracked = new float[256][];
    private int count;
    private long trackedBytes;
    private Workspace.Frame[] frames = new Workspace.Frame[16];

    private float[][] escaping = new float[16][];
    private int escapingCount;
    private final Consumer<Tensor> collector = t -> {
        if (t != null) {
            escape(t.data);
        }
    };

    WorkspaceThread(Thread owner) {
        this.owner = owner;
    }

    float[] take(int n, boolean zero) {
        if (n == 0) {
            return new float[0];
        }
        float[] a = arena.take(n);
        if (a == null) {
            a = Workspace.plain(n, this);
            allocated++;
        } else {
            reused++;
            if (zero) {
                Arrays.fill(a, 0f);
            }
        }
        if (depth > 0 && count < Workspace.maxTracked()) {  // plain() may have given everything up
            if (count == tracked.length) {
                tracked = Arrays.copyOf(tracked, 2 * count);
            }
            tracked[count++] = a;
            trackedBytes += 4L * n;
        }
        return a;
    }

    /** Bytes handed out to the running forward and not given back yet. */
    long inUse() {
        return trackedBytes;
    }

    Workspace.Frame push(Object module, Object input) {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, 2 * depth);
        }
        Workspace.Frame f = new Workspace.Frame(this, module, input, count);
        frames[depth++] = f;
        return f;
    }

    /** The depth of the innermost frame of {@code module}, or -1. */
    int indexOf(Object module) {
        for (int i = depth - 1; i >= 0; i--) {
            if (frames[i].module == module) {
                return i;
            }
        }
        return -1;
    }

    /** Forgets everything and drops the arena too (its arrays go to the garbage collector): after a failure. */
    void discard() {
        arena = null;
        if (depth > 0) {
            abandon(0);
        }
    }

    /** Drops the frames from {@code from} up, forgetting their arrays (never reused: something may hold them). */
    void abandon(int from) {
        int start = frames[from].start;
        for (int i = start; i < count; i++) {
            trackedBytes -= 4L * tracked[i].length;
            tracked[i] = null;
        }
        count = start;
        for (int i = from; i < depth; i++) {
            frames[i] = null;
        }
        depth = from;
        if (depth == 0) {
            end();
        }
    }

    /** Forgets every array handed out so far; the frames stay open and go on from here. */
    void forgetAll() {
        Arrays.fill(tracked, 0, count, null);
        count = 0;
        trackedBytes = 0;
        for (int i = 0; i < depth; i++) {
            frames[i].start = 0;
        }
    }

    /** Closes {@code frame} on the forward's return value {@code output}. */
    void close(Workspace.Frame frame, Object output) {
        int i = depth - 1;
        while (i >= 0 && frames[i] != frame) {
            i--;
        }
        if (i < 0) {
            return;                                      // dropped earlier (escapeAll keeps frames; abandon does not)
        }
        if (i < depth - 1) {
            abandon(i + 1);                              // frames left above it by an exception caught inside
        }
        if (collect(output)) {
            release(frame.start);
        } else if (i == 0) {
            forgetAll();                                 // a return value we cannot look into keeps everything
        }
        Arrays.fill(escaping, 0, escapingCount, null);
        escapingCount = 0;
        frames[i] = null;
        depth = i;
        if (depth == 0) {
            forgetAll();                                 // what the return value holds now belongs to the caller
            end();
        }
    }

    /** Gives back the arrays from {@code start} that the return value does not reach; keeps the others in place. */
    private void release(int start) {
        int kept = start;
        for (int j = start; j < count; j++) {
            float[] a = tracked[j];
            if (isEscaping(a)) {
                tracked[kept++] = a;
            } else {
                trackedBytes -= 4L * a.length;
                arena.give(a);
            }
        }
        Arrays.fill(tracked, kept, count, null);
        count = kept;
    }

    private void end() {
        Arena a = arena;
        arena = null;
        count = 0;
        trackedBytes = 0;
        if (a != null) {
            ArenaPool.giveBack(a);
        }
    }

    /** Lists the arrays {@code o} reaches into {@code escaping}; false for an object of unknown type. */
    private boolean collect(Object o) {
        if (o == null) {
            return true;
        }
        if (o instanceof Tensor t) {
            escape(t.data);
            return true;
        }
        if (o instanceof TensorContainer c) {
            c.forEachTensor(collector);
            return true;
        }
        if (o instanceof Iterable<?> items) {
            for (Object item : items) {
                if (!collect(item)) {
                    return false;
                }
            }
            return true;
        }
        if (o instanceof Object[] items) {
            for (Object item : items) {
                if (!collect(item)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private void escape(float[] a) {
        if (!isEscaping(a)) {
            if (escapingCount == escaping.length) {
                escaping = Arrays.copyOf(escaping, 2 * escapingCount);
            }
            escaping[escapingCount++] = a;
        }
    }

    private boolean isEscaping(float[] a) {
        for (int i = 0; i < escapingCount; i++) {
            if (escaping[i] == a) {
                return true;
            }
        }
        return false;
    }

    /** The outermost forward's input for messages: "the batch of B × T tokens", a tensor's shape, or the module. */
    String describeInput() {
        if (depth == 0) {
            return "this forward pass";
        }
        Object in = frames[0].input;
        if (in instanceof Tensor t) {
            return "the input " + Shape.str(t.shape);
        }
        if (in != null) {
            try {
                Method b = in.getClass().getMethod("batch");
                Method t = in.getClass().getMethod("length");
                return "the batch of " + b.invoke(in) + " × " + t.invoke(in) + " tokens";
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not a batch of token sequences: name the module
            }
        }
        return "the forward pass of " + frames[0].module.getClass().getSimpleName();
    }
}
