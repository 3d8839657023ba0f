package dev.transformers4j.pipelines.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads text-classification files: UTF-8, a header line {@code text<TAB>label}, then one example per line,
 * {@code TEXT<TAB>LABEL}, the label a class number ({@code 0}, {@code 1}) or a class name ({@code positive}).
 * A text may itself hold tabs: the label is what follows the last one. Empty lines are skipped, {@code \r\n}
 * line ends accepted. Every problem is a {@link DataFileException} naming the file and line.
 */
public final class ClassificationTsv {

    /** The header every file starts with. */
    public static final String HEADER = "text\tlabel";

    private ClassificationTsv() {
    }

    /** The rows as written (labels not yet resolved); at least one. */
    public static List<LabeledText> read(Path file) {
        String[] lines = TextFiles.read(file).split("\n", -1);
        if (!stripCr(lines[0]).equals(HEADER)) {
            throw new DataFileException(file, 1, "expected the header 'text<TAB>label' but found '"
                    + abbreviate(stripCr(lines[0])) + "'");
        }
        List<LabeledText> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            if (!line.isEmpty()) {
                rows.add(row(file, i + 1, line));
            }
        }
        if (rows.isEmpty()) {
            throw new DataFileException(file, 0, "no examples (only the header)");
        }
        return rows;
    }

    /** The rows with their labels resolved to class ids of {@code labels}. */
    public static List<ClassificationExample> read(Path file, LabelSet labels) {
        return labels.resolve(read(file));
    }

    private static LabeledText row(Path file, int lineNumber, String line) {
        int tab = line.lastIndexOf('\t');
        if (tab < 0) {
            throw new DataFileException(file, lineNumber, "no tab: expected TEXT<TAB>LABEL but found '"
                    + abbreviate(line) + "'");
        }
        String text = line.substring(0, tab);
        String label = line.substring(tab + 1).strip();
        if (label.isEmpty()) {
            throw new DataFileException(file, lineNumber, "the label is missing (nothing after the tab)");
        }
        if (text.isBlank()) {
            throw new DataFileException(file, lineNumber, "the text is empty (label '" + abbreviate(label) + "')");
        }
        return new LabeledText(text, label, file, lineNumber);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String abbreviate(String s) {
        String shown = s.replace("\t", "<TAB>");
        return shown.length() <= 60 ? shown : shown.substring(0, 57) + "...";
    }
}
