package dev.trainyard.markdown;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one place GitHub-flavoured Markdown is escaped and assembled, for what the core publishes
 * (tracking issues, release notes) and for the CLI's step summaries alike. Methods return Markdown
 * fragments; only {@link #cell}, {@link #code}, {@link #codeCell} and {@link #link} take plain text.
 */
public final class Markdown {
  private Markdown() {}

  /** Plain text for a table cell (or any one-line spot): pipes escaped, line breaks folded into spaces. */
  public static String cell(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("|", "\\|").replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }

  /**
   * Plain text that must read exactly as written, e.g. a reason quoting the glob {@code '*auth*'}:
   * {@link #cell} plus a backslash before every character GitHub would take as formatting.
   */
  public static String literal(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("\\`*_[]<>~#".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return cell(out.toString());
  }

  /** An inline code span for running text; a text holding backticks gets a longer fence. */
  public static String code(String text) {
    String value = text == null ? "" : text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    int longestRun = 0;
    int run = 0;
    for (int i = 0; i < value.length(); i++) {
      run = value.charAt(i) == '`' ? run + 1 : 0;
      longestRun = Math.max(longestRun, run);
    }
    if (longestRun == 0) {
      return "`" + value + "`";
    }
    String fence = "`".repeat(longestRun + 1);
    return fence + " " + value + " " + fence;
  }

  /** An inline code span inside a table cell: GitHub needs the pipes escaped even there. */
  public static String codeCell(String text) {
    return code(text == null ? "" : text.replace("|", "\\|"));
  }

  /** {@code [text](url)}; brackets in the text and spaces or parentheses in the URL are escaped. */
  public static String link(String text, String url) {
    String label = cell(text).replace("[", "\\[").replace("]", "\\]");
    return "[" + label + "](" + url.replace(" ", "%20").replace("(", "%28").replace(")", "%29") + ")";
  }

  /** {@code <url>}: a URL shown as itself. */
  public static String autolink(String url) {
    return "<" + url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">";
  }

  /** A table with left-aligned columns. */
  public static Table table(String... columns) {
    return new Table(columns, false);
  }

  /** A table whose columns are right-aligned (counts, sizes). */
  public static Table numericTable(String... columns) {
    return new Table(columns, true);
  }

  /**
   * A table built row by row. Cells are Markdown fragments: pass plain text through {@link #cell}
   * (or {@link #codeCell}, {@link #link}) first.
   */
  public static final class Table {
    private final List<String> columns;
    private final boolean rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(String[] columns, boolean rightAligned) {
      this.columns = List.of(columns);
      this.rightAligned = rightAligned;
    }

    public Table row(String... cells) {
      if (cells.length != columns.size()) {
        throw new IllegalArgumentException("a row of " + columns.size() + " cells, got " + cells.length);
      }
      rows.add(Arrays.asList(cells));
      return this;
    }

    public boolean isEmpty() {
      return rows.isEmpty();
    }

    /** Header, alignment line and rows, each line ending in a newline. */
    public String render() {
      StringBuilder md = new StringBuilder();
      if (columns.stream().allMatch(String::isEmpty)) {
        md.append("|").append(" |".repeat(columns.size())).append('\n');
      } else {
        line(md, columns);
      }
      md.append('|');
      columns.forEach(c -> md.append(rightAligned ? "---:|" : "---|"));
      md.append('\n');
      rows.forEach(row -> line(md, row));
      return md.toString();
    }

    private static void line(StringBuilder md, List<String> cells) {
      md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
  }
}
