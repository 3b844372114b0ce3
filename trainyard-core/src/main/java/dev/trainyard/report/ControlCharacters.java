package dev.trainyard.report;

/**
 * Text from outside (commit subjects, server answers, file names) may carry terminal control
 * characters: ESC starts escape sequences that recolour, move the cursor or retitle a terminal, BEL
 * rings it. Wherever such text reaches a terminal or a file a person reads (CHANGELOG.md, a release
 * note), trainyard shows those characters as visible symbols instead of passing them through.
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  /**
   * {@code text} with C0 controls other than tab, line feed and carriage return shown as their
   * Unicode control pictures (ESC as ␛, BEL as ␇), DEL as ␡, and C1 controls as the replacement
   * character. Returns the same instance when there is nothing to replace.
   */
  public static String visible(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char replacement = visible(c);
      if (replacement != c) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** As {@link #visible(String)}, and line breaks too (for one-line texts such as a subject). */
  public static String visibleOneLine(String text) {
    return text == null ? null : visible(text).replace("\r", "\u240D").replace("\n", "\u2424");
  }

  private static char visible(char c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return c;
    }
    if (c < 0x20) {
      return (char) (0x2400 + c);
    }
    if (c == 0x7F) {
      return '\u2421';
    }
    if (c >= 0x80 && c < 0xA0) {
      return '\uFFFD';
    }
    return c;
  }
}
