package dev.transformers4j.cli.support;

import java.io.PrintWriter;
import java.util.List;

/** A plain text table: columns padded to their widest cell, two spaces apart. */
public final class TextTable {

    private TextTable() {
    }

    public static void print(PrintWriter w, List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> r : rows) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        }
        line(w, header, widths);
        for (List<String> r : rows) {
            line(w, r, widths);
        }
    }

    private static void line(PrintWriter w, List<String> cells, int[] widths) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            s.append(c == 0 ? "" : "  ").append(cells.get(c));
            if (c < cells.size() - 1) {
                s.append(" ".repeat(widths[c] - cells.get(c).length()));
            }
        }
        w.println(s);
    }
}
