package dev.transformers4j.models.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle machine that only builds values: it runs none of the pickle's code. It implements the opcodes that
 * {@code torch.save} state dicts use (protocols 2 to 5); every name a pickle asks for ({@code GLOBAL},
 * {@code STACK_GLOBAL}), every call ({@code REDUCE}), {@code BUILD} and persistent id goes to a {@link Host}
 * that allows it or refuses the file. Instantiating opcodes ({@code INST}, {@code OBJ}, {@code NEWOBJ}) are
 * refused outright.
 *
 * <p>Values: {@code null}, {@link Boolean}, {@link Long}, {@link Double}, {@link String}, {@link Tuple}, a
 * mutable {@link List} (a Python list), a {@link LinkedHashMap} (a dict), and what the host returns.
 */
final class Unpickler {

    /** What a pickle may name and call; each method returns the value or throws, refusing the file. */
    interface Host {
        Object global(String module, String name);

        Object call(Object callable, Tuple args);

        void build(Object target, Object state);

        Object persistentLoad(Object pid);
    }

    /** A Python tuple (may hold null). */
    record Tuple(List<Object> items) {
        static Tuple of(List<Object> items) {
            return new Tuple(Collections.unmodifiableList(new ArrayList<>(items)));
        }

        Object get(int i) {
            return items.get(i);
        }

        int size() {
            return items.size();
        }
    }

    /** The Python type of a value, for messages: {@code "a float"}, {@code "None"}. */
    static String pythonType(Object v) {
        return switch (v) {
            case null -> "None";
            case Boolean b -> "a bool";
            case Long l -> "an int";
            case Double d -> "a float";
            case String s -> "a str";
            case Tuple t -> "a tuple";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "a dict";
            default -> "a " + v.getClass().getSimpleName();
        };
    }

    private final PickleInput in;
    private final Host host;
    private final PickleStack stack;

    private Unpickler(PickleInput in, Host host) {
        this.in = in;
        this.host = host;
        this.stack = new PickleStack(in);
    }

    /** Runs the pickle to its {@code STOP} and returns the value it built. */
    static Object load(PickleInput in, Host host) {
        return new Unpickler(in, host).run();
    }

    private Object run() {
        while (true) {
            int at = in.position();
            int op = in.u8();
            if (op == '.') {                                                  // STOP
                return stack.result();
            }
            if (!value(op) && !container(op) && !memoOrCall(op)) {
                throw in.error(String.format("opcode 0x%02x (byte %d) is not one that torch.save writes", op, at));
            }
        }
    }

    /** Opcodes that push a constant. */
    private boolean value(int op) {
        switch (op) {
            case 0x80 -> protocol(in.u8());                                       // PROTO
            case 0x95 -> in.littleEndian(8);                                      // FRAME: a length, nothing to do
            case 'N' -> stack.push(null);                                         // NONE
            case 0x88 -> stack.push(Boolean.TRUE);                                // NEWTRUE
            case 0x89 -> stack.push(Boolean.FALSE);                               // NEWFALSE
            case 'K' -> stack.push(in.littleEndian(1));                           // BININT1
            case 'M' -> stack.push(in.littleEndian(2));                           // BININT2
            case 'J' -> stack.push((long) (int) in.littleEndian(4));              // BININT (signed)
            case 0x8a -> stack.push(long1(in.u8()));                              // LONG1
            case 'G' -> stack.push(in.bigEndianDouble());                         // BINFLOAT
            case 'X' -> stack.push(in.utf8(in.littleEndian(4)));                  // BINUNICODE
            case 0x8c -> stack.push(in.utf8(in.u8()));                            // SHORT_BINUNICODE
            case 0x8d -> stack.push(in.utf8(in.littleEndian(8)));                 // BINUNICODE8
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Opcodes that build tuples, lists and dicts. */
    private boolean container(int op) {
        switch (op) {
            case '(' -> stack.mark();                                             // MARK
            case ')' -> stack.push(Tuple.of(List.of()));                          // EMPTY_TUPLE
            case 0x85, 0x86, 0x87 -> stack.push(Tuple.of(stack.popN(op - 0x84))); // TUPLE1..3
            case 't' -> stack.push(Tuple.of(stack.popMark()));                    // TUPLE
            case ']' -> stack.push(new ArrayList<>());                            // EMPTY_LIST
            case 'l' -> stack.push(new ArrayList<>(stack.popMark()));             // LIST
            case 'a' -> appendAll(Collections.singletonList(stack.pop()));        // APPEND
            case 'e' -> appendAll(stack.popMark());                               // APPENDS
            case '}' -> stack.push(new LinkedHashMap<>());                        // EMPTY_DICT
            case 'd' -> stack.push(setItems(new LinkedHashMap<>(), stack.popMark())); // DICT
            case 's' -> setItems(stack.popN(2));                                  // SETITEM
            case 'u' -> setItems(stack.popMark());                                // SETITEMS
            case '0' -> stack.pop();                                              // POP
            case '1' -> stack.popMark();                                          // POP_MARK
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The memo, and the opcodes the host decides on. */
    private boolean memoOrCall(int op) {
        switch (op) {
            case 'q' -> stack.memoPut(in.littleEndian(1));                        // BINPUT
            case 'r' -> stack.memoPut(in.littleEndian(4));                        // LONG_BINPUT
            case 0x94 -> stack.memoize();                                         // MEMOIZE
            case 'h' -> stack.push(stack.memoGet(in.littleEndian(1)));            // BINGET
            case 'j' -> stack.push(stack.memoGet(in.littleEndian(4)));            // LONG_BINGET
            case 'c' -> stack.push(host.global(in.line(), in.line()));            // GLOBAL
            case 0x93 -> stackGlobal();                                           // STACK_GLOBAL
            case 'R' -> reduce();                                                 // REDUCE
            case 'b' -> build();                                                  // BUILD
            case 'Q' -> stack.push(host.persistentLoad(stack.pop()));             // BINPERSID
            case 'i' -> instantiate(host.global(in.line(), in.line()), "INST");
            case 'o', 0x81, 0x92 -> instantiate(null, op == 'o' ? "OBJ" : op == 0x81 ? "NEWOBJ" : "NEWOBJ_EX");
            default -> {
                return false;
            }
        }
        return true;
    }

    private void protocol(int version) {
        if (version < 2 || version > 5) {
            throw in.error("pickle protocol " + version + " (torch.save writes 2; 2 to 5 are read)");
        }
    }

    private long long1(int n) {
        if (n > 8) {
            throw in.error("an integer of " + n + " bytes (at most 8 are read)");
        }
        return in.signedLittleEndian(n);
    }

    private void stackGlobal() {
        Object name = stack.pop();
        Object module = stack.pop();
        if (!(module instanceof String m) || !(name instanceof String n)) {
            throw in.error("STACK_GLOBAL expects two strings");
        }
        stack.push(host.global(m, n));
    }

    private void reduce() {
        if (!(stack.pop() instanceof Tuple args)) {
            throw in.error("REDUCE expects a tuple of arguments");
        }
        stack.push(host.call(stack.pop(), args));
    }

    private void build() {
        Object state = stack.pop();
        host.build(stack.top(), state);
    }

    private void instantiate(Object cls, String opcode) {
        throw in.error(opcode + " instantiates a class" + (cls == null ? "" : " (" + cls + ")")
                + ", which torch.save never writes");
    }

    private void appendAll(List<Object> items) {
        if (!(stack.top() instanceof List<?>)) {
            throw in.error("APPEND to a value that is not a list");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) stack.top();
        list.addAll(items);
    }

    /** Adds the pairs to the dict on the stack (popped first: the dict is below them). */
    private void setItems(List<Object> keysAndValues) {
        setItems(stack.top(), keysAndValues);
    }

    private Map<Object, Object> setItems(Object target, List<Object> keysAndValues) {
        if (!(target instanceof Map<?, ?>) || keysAndValues.size() % 2 != 0) {
            throw in.error("SETITEM(S) needs a dict and key-value pairs");
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> dict = (Map<Object, Object>) target;
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            dict.put(hashable(keysAndValues.get(i)), keysAndValues.get(i + 1));
        }
        return dict;
    }

    /** Keys are what state dicts use: strings, numbers, booleans, None (a tuple key could be made to hash forever). */
    private Object hashable(Object key) {
        if (key != null && !(key instanceof String || key instanceof Long || key instanceof Double
                || key instanceof Boolean)) {
            throw in.error("a dict key that is " + pythonType(key) + " (keys are strings or numbers in a state dict)");
        }
        return key;
    }
}
