package dev.zeroclaw.benchmarks.toml;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns as wide as their widest cell, for the console and the ADR. */
public final class TextTable {

    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header) {
        rows.add(List.copyOf(header));
    }

    public void add(List<String> row) {
        if (row.size() != rows.get(0).size()) {
            throw new IllegalArgumentException("expected " + rows.get(0).size() + " cells, got " + row.size());
        }
        rows.add(List.copyOf(row));
    }

    /** Markdown pipe syntax, so that the same text reads in a terminal and renders in the ADR. */
    public String render() {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            appendRow(text, rows.get(r), widths);
            if (r == 0) {
                List<String> rule = new ArrayList<>();
                for (int width : widths) {
                    rule.add("-".repeat(width));
                }
                appendRow(text, rule, widths);
            }
        }
        return text.toString();
    }

    private static void appendRow(StringBuilder text, List<String> row, int[] widths) {
        text.append('|');
        for (int i = 0; i < widths.length; i++) {
            String cell = row.get(i);
            text.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
        }
        text.append('\n');
    }
}
