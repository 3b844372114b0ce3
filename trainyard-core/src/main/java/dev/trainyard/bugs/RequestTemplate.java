package dev.trainyard.bugs;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import dev.trainyard.TrainyardException;
import dev.trainyard.match.NearestName;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user-editable Mustache template for the deployment request, rendered with mustache.java.
 * Mustache is logic-less: a template can only show, hide and repeat what the model holds, so an
 * edited template cannot break the command, and the model's names are the whole contract.
 *
 * <p>Before mustache.java compiles a template it is checked here, so that every mistake is reported
 * as {@code FILE:LINE:COLUMN: what is wrong} with a hint: an unclosed tag, a section closed by the
 * wrong name or never closed, and a name the model does not have (Mustache itself would silently
 * print nothing for a misspelt name). Partials and delimiter changes are refused: the template is
 * one self-contained file. Values are inserted as they are (no HTML escaping): the text is Markdown.
 */
public final class RequestTemplate {
  /** The default request text, shipped in the jar. */
  public static final String DEFAULT_RESOURCE = "deployment-request.md.mustache";
  /** The default summary of a new request. */
  public static final String DEFAULT_SUMMARY =
      "Please deploy {{product}} {{#train}}train {{train}} ({{tag}}){{/train}}{{^train}}{{tag}}{{/train}} to {{env}}";

  private static final Set<String> KNOWN_NAMES = namesOf(DeployRequestModel.class);

  private final String source;
  private final Mustache mustache;

  private RequestTemplate(String source, Mustache mustache) {
    this.source = source;
    this.mustache = mustache;
  }

  /** The template shipped with trainyard. */
  public static RequestTemplate defaultTemplate() {
    try (InputStream in = RequestTemplate.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
      }
      return compile(new String(in.readAllBytes(), StandardCharsets.UTF_8), "(default template)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Checks and compiles {@code text}.
   *
   * @param source how errors name the template, e.g. its path
   * @throws TrainyardException (invalid input) naming {@code source:line:column}
   */
  public static RequestTemplate compile(String text, String source) {
    Objects.requireNonNull(text, "text");
    check(text, source);
    DefaultMustacheFactory factory = new DefaultMustacheFactory() {
      @Override
      public void encode(String value, Writer writer) {
        try {
          writer.write(value);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    try {
      return new RequestTemplate(source, factory.compile(new StringReader(text), source));
    } catch (MustacheException e) {
      throw TrainyardException.invalidInput(source + ": " + oneLine(e.getMessage()),
          "see docs/commands/deploy-bug.md for the template's syntax and names");
    }
  }

  /** Renders the model; a template that passed {@link #compile} renders any model. */
  public String render(DeployRequestModel model) {
    StringWriter out = new StringWriter();
    try {
      mustache.execute(out, model).flush();
    } catch (IOException | MustacheException e) {
      throw TrainyardException.invalidInput(source + ": cannot render: " + oneLine(e.getMessage()), null);
    }
    // A template's leading comment leaves its line break behind; a text never starts with blank lines.
    String text = out.toString().replaceFirst("^\\s*\n", "");
    return text.isBlank() ? "" : text.stripTrailing() + "\n";
  }

  public String source() {
    return source;
  }

  /** The names a template may use, for documentation and error hints. */
  public static Set<String> knownNames() {
    return KNOWN_NAMES;
  }

  private record Open(String name, int line, int column) {}

  private static void check(String text, String source) {
    Deque<Open> sections = new ArrayDeque<>();
    int line = 1;
    int lineStart = 0;
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("{{", i);
      if (open < 0) {
        break;
      }
      for (int k = i; k < open; k++) {
        if (text.charAt(k) == '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      int column = open - lineStart + 1;
      boolean triple = text.startsWith("{{{", open);
      String closer = triple ? "}}}" : "}}";
      int contentStart = open + (triple ? 3 : 2);
      int close = text.indexOf(closer, contentStart);
      int nextOpen = text.indexOf("{{", contentStart);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close && text.charAt(contentStart) != '!')) {
        throw error(source, line, column, "tag '" + excerpt(text, open) + "' is not closed with " + closer,
            "close it, e.g. {{name}}; a literal {{ cannot appear in a Mustache template");
      }
      String content = text.substring(contentStart, close).trim();
      i = close + closer.length();
      if (triple) {
        checkName(content, source, line, column);
      } else if (content.isEmpty()) {
        throw error(source, line, column, "empty tag {{}}", "write a name from the model, e.g. {{tag}}");
      } else {
        char sigil = content.charAt(0);
        String name = content.substring(1).trim();
        switch (sigil) {
          case '!' -> { }
          case '#', '^' -> {
            checkName(name, source, line, column);
            sections.push(new Open(name, line, column));
          }
          case '/' -> {
            if (sections.isEmpty()) {
              throw error(source, line, column, "{{/" + name + "}} closes a section that was never opened",
                  "remove it, or open the section with {{#" + name + "}} before it");
            }
            Open top = sections.pop();
            if (!top.name().equals(name)) {
              throw error(source, line, column, "{{/" + name + "}} closes {{#" + top.name() + "}} opened at "
                  + top.line() + ":" + top.column(), "close the inner section first: {{/" + top.name() + "}}");
            }
          }
          case '&' -> checkName(name, source, line, column);
          case '>', '<', '$' -> throw error(source, line, column, "partials and blocks are not supported",
              "keep the whole request in this one file");
          case '=' -> throw error(source, line, column, "changing the delimiters is not supported",
              "keep {{ and }}");
          default -> checkName(content, source, line, column);
        }
      }
      for (int k = open; k < i; k++) {
        if (text.charAt(k) == '\n') {
          line++;
          lineStart = k + 1;
        }
      }
    }
    if (!sections.isEmpty()) {
      Open unclosed = sections.peek(); // the innermost: the one to close first
      throw error(source, unclosed.line(), unclosed.column(), "section {{#" + unclosed.name() + "}} is never closed",
          "add {{/" + unclosed.name() + "}} where it should end");
    }
  }

  private static void checkName(String name, String source, int line, int column) {
    if (name.isEmpty()) {
      throw error(source, line, column, "a tag without a name", "write a name from the model, e.g. {{tag}}");
    }
    if (name.equals(".")) {
      return;
    }
    for (String part : name.split("\\.", -1)) {
      if (!KNOWN_NAMES.contains(part)) {
        throw error(source, line, column, "unknown name '" + name + "'",
            NearestName.typo(part, KNOWN_NAMES).map(typo -> "did you mean '" + typo + "'? ").orElse("")
                + "names: " + String.join(", ", KNOWN_NAMES));
      }
    }
  }

  private static TrainyardException error(String source, int line, int column, String message, String hint) {
    return TrainyardException.invalidInput(source + ":" + line + ":" + column + ": " + message, hint);
  }

  private static String excerpt(String text, int from) {
    int end = Math.min(text.length(), from + 20);
    int newline = text.indexOf('\n', from);
    if (newline >= 0 && newline < end) {
      end = newline;
    }
    return text.substring(from, end) + (end < text.length() && text.charAt(end) != '\n' ? "..." : "");
  }

  /** Every record component name reachable from {@code type}, through lists of records. */
  private static Set<String> namesOf(Class<?> type) {
    Set<String> names = new TreeSet<>();
    collect(type, names, new java.util.HashSet<>());
    return java.util.Collections.unmodifiableSet(names);
  }

  private static void collect(Class<?> type, Set<String> names, Set<Class<?>> seen) {
    if (!type.isRecord() || !seen.add(type)) {
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      names.add(component.getName());
      collect(component.getType(), names, seen);
      Type generic = component.getGenericType();
      if (generic instanceof ParameterizedType parameterized) {
        for (Type argument : parameterized.getActualTypeArguments()) {
          if (argument instanceof Class<?> element) {
            collect(element, names, seen);
          }
        }
      }
    }
  }

  private static String oneLine(String text) {
    if (text == null) {
      return "template error";
    }
    return text.replaceAll("\\s+", " ").trim();
  }

  @Override
  public String toString() {
    return "RequestTemplate[" + source + "]";
  }
}
