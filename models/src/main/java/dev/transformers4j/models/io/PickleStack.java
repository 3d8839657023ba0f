package dev.transformers4j.models.io;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pickle machine's state: the value stack, the marks ({@code MARK} positions in it) and the memo. A pop below
 * the latest mark, a pop to a mark that was never set, or a memo key never stored is a malformed pickle.
 */
final class PickleStack {

    private final PickleInput in;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    PickleStack(PickleInput in) {
        this.in = in;
    }

    void push(Object v) {
        stack.add(v);
    }

    Object top() {
        int floor = marks.isEmpty() ? 0 : marks.peek();
        if (stack.size() <= floor) {
            throw in.error("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    Object pop() {
        top();
        return stack.remove(stack.size() - 1);
    }

    /** The top {@code n} values, deepest first. */
    List<Object> popN(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return Arrays.asList(items);
    }

    void mark() {
        marks.push(stack.size());
    }

    /** The values pushed since the latest mark, deepest first; the mark is removed. */
    List<Object> popMark() {
        if (marks.isEmpty()) {
            throw in.error("no MARK to pop to");
        }
        int m = marks.pop();
        List<Object> items = new ArrayList<>(stack.subList(m, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    /** The one value left at {@code STOP}. */
    Object result() {
        if (stack.size() != 1 || !marks.isEmpty()) {
            throw in.error("STOP with " + stack.size() + " values on the stack (expected 1)");
        }
        return stack.get(0);
    }

    void memoPut(long key) {
        memo.put(key, top());
    }

    /** {@code MEMOIZE}: the next key is the memo's size. */
    void memoize() {
        memoPut(memo.size());
    }

    Object memoGet(long key) {
        if (!memo.containsKey(key)) {
            throw in.error("memo entry " + key + " was never stored");
        }
        return memo.get(key);
    }
}
