package dev.transformers4j.pipelines.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The classes of a classification task, by id: what a model config's {@code id2label} holds. A label in a
 * data file is either a class number ({@code 1} → class 1) or a class name ({@code positive}).
 */
public final class LabelSet {

    /** The names of 0/1 sentiment data, as in SST-2 and MR: 0 = negative, 1 = positive. */
    public static final List<String> SENTIMENT = List.of("negative", "positive");

    private final List<String> names;

    private LabelSet(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a label set needs at least one class");
        }
        if (new TreeSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("class names must be distinct but were " + names);
        }
        this.names = List.copyOf(names);
    }

    /** Classes named by id: {@code names.get(i)} is class i. */
    public static LabelSet of(List<String> names) {
        return new LabelSet(names);
    }

    /** From a config's {@code id2label}, whose keys must be 0..n−1. */
    public static LabelSet of(Map<Integer, String> id2label) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < id2label.size(); i++) {
            String name = id2label.get(i);
            if (name == null) {
                throw new IllegalArgumentException("id2label must have the ids 0.." + (id2label.size() - 1)
                        + " but has " + new TreeSet<>(id2label.keySet()));
            }
            names.add(name);
        }
        return new LabelSet(names);
    }

    /**
     * The classes of a training file. Class numbers give classes 0..max, named {@code LABEL_i} as HF does,
     * except exactly {0, 1}, which is sentiment data: {@code negative, positive}. Class names give one class
     * each, in sorted order. Numbers and names mixed, or a negative number, are an error naming the lines.
     */
    public static LabelSet fromExamples(List<LabeledText> rows) {
        TreeSet<Integer> numbers = new TreeSet<>();
        TreeSet<String> names = new TreeSet<>();
        LabeledText firstNumber = null;
        LabeledText firstName = null;
        for (LabeledText row : rows) {
            Integer n = parseClassNumber(row.label());
            if (n == null) {
                names.add(row.label());
                firstName = firstName == null ? row : firstName;
            } else if (n < 0) {
                throw new DataFileException(row.file(), row.line(), "label " + n
                        + " is negative (class numbers start at 0)");
            } else {
                numbers.add(n);
                firstNumber = firstNumber == null ? row : firstNumber;
            }
        }
        if (firstNumber != null && firstName != null) {
            throw new DataFileException(firstName.file(), firstName.line(), "labels mix class numbers ('"
                    + firstNumber.label() + "' at line " + firstNumber.line() + ") and names ('" + firstName.label()
                    + "'): use one or the other");
        }
        if (firstName != null) {
            return new LabelSet(new ArrayList<>(names));
        }
        if (numbers.equals(new TreeSet<>(List.of(0, 1)))) {
            return new LabelSet(SENTIMENT);
        }
        List<String> generic = new ArrayList<>();
        for (int i = 0; i <= numbers.last(); i++) {
            generic.add("LABEL_" + i);
        }
        return new LabelSet(generic);
    }

    /** The number of classes. */
    public int size() {
        return names.size();
    }

    /** The name of class {@code id}. */
    public String name(int id) {
        return names.get(id);
    }

    /** The names by id. */
    public List<String> names() {
        return names;
    }

    /** {@code {0: name0, 1: name1, ...}}, for a config's {@code id2label}. */
    public Map<Integer, String> id2label() {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(i, names.get(i));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The class of a label: a class number in range, else a class name; −1 when it is neither. */
    public int idOf(String label) {
        Integer n = parseClassNumber(label);
        if (n != null && n >= 0 && n < names.size()) {
            return n;
        }
        return names.indexOf(label);
    }

    /** The rows with class ids; an unknown label is an error naming its file and line. */
    public List<ClassificationExample> resolve(List<LabeledText> rows) {
        List<ClassificationExample> out = new ArrayList<>(rows.size());
        for (LabeledText row : rows) {
            int id = idOf(row.label());
            if (id < 0) {
                throw new DataFileException(row.file(), row.line(), "unknown label '" + row.label()
                        + "' (expected a class number 0.." + (names.size() - 1) + " or one of " + names + ")");
            }
            out.add(new ClassificationExample(row.text(), id));
        }
        return out;
    }

    private static Integer parseClassNumber(String label) {
        if (label.isEmpty() || label.length() > 9 || !label.chars().allMatch(c -> c == '-' || c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Integer.parseInt(label);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSet other && names.equals(other.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "LabelSet" + id2label();
    }
}
