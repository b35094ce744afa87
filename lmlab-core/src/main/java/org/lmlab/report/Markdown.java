package org.lmlab.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lmlab.run.AtomicFiles;

/** A Markdown document built in order: headings, paragraphs, tables, images. Not thread-safe. */
public final class Markdown {
    private final StringBuilder text = new StringBuilder();

    public Markdown heading(int level, String title) {
        blankLine();
        text.append("#".repeat(level)).append(' ').append(title).append("\n\n");
        return this;
    }

    public Markdown paragraph(String body) {
        blankLine();
        text.append(body.strip()).append("\n\n");
        return this;
    }

    public Markdown bullet(String item) {
        text.append("- ").append(item.strip()).append('\n');
        return this;
    }

    /** A table; cells are escaped so a '|' in a value cannot break the layout. */
    public Markdown table(List<String> header, List<List<String>> rows) {
        blankLine();
        row(header);
        text.append('|').append(" --- |".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("table row has " + r.size() + " cells, header " + header.size());
            }
            row(r);
        }
        text.append('\n');
        return this;
    }

    /** An image relative to the report's directory. */
    public Markdown image(String alt, String relativePath) {
        blankLine();
        text.append("![").append(alt).append("](").append(relativePath).append(")\n\n");
        return this;
    }

    public Markdown append(Markdown other) {
        blankLine();
        text.append(other.text);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    public void save(Path file) throws IOException {
        AtomicFiles.writeString(file, text.toString());
    }

    private void row(List<String> cells) {
        text.append('|');
        for (String c : cells) {
            text.append(' ').append(c == null ? "" : c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        text.append('\n');
    }

    private void blankLine() {
        int n = text.length();
        if (n > 0 && text.charAt(n - 1) != '\n') {
            text.append("\n\n");
        } else if (n > 1 && text.charAt(n - 2) != '\n') {
            text.append('\n');
        }
    }
}
