package dev.trainyard.cli;

import dev.trainyard.github.WorkflowToken;
import dev.trainyard.report.ControlCharacters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place that cleans what trainyard prints. Every line on stdout and stderr (through
 * {@link MaskingWriter}), every step output, step summary and annotation goes through
 * {@link #clean(String)}, whatever produced it: our own messages, a server's error text that echoes
 * a header, a commit subject.
 *
 * <p>Two things happen there: every known secret, and the forms it takes on the wire (base64 of the
 * Basic credentials git sends, URL and JSON encodings, each line of a multi-line value), becomes
 * {@code ***}; and control characters other than tab, line feed and carriage return (ESC, BEL, ...)
 * become their visible Unicode "control picture" (ESC prints as ␛), so nothing a commit author or a
 * server wrote can drive the terminal.
 *
 * <p>Known secrets are the values of environment variables whose names say they are secret
 * ({@code GITHUB_TOKEN}, {@code AWS_SECRET_ACCESS_KEY}, {@code INPUT_TOKEN}, ...), the values of
 * flags named like that ({@code --token}), and whatever a command registers with {@link #add}.
 * Values shorter than {@value #MIN_LENGTH} characters are not masked (they would blank out ordinary
 * words); no real token is that short.
 */
public final class Secrets {
  static final int MIN_LENGTH = 4;
  static final String MASK = "***";

  /** Variable and flag names whose values are secret. */
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(token|secret|password|passwd|api[_-]?key|private[_-]?key|access[_-]?key(?![_-]?id)|credentials?[_-]?json).*");
  /** Names that match the pattern above but hold a path, an identifier or a flag, not a secret. */
  private static final Set<String> NOT_SECRET = Set.of(
      "ACTIONS_ID_TOKEN_REQUEST_URL", "GOOGLE_APPLICATION_CREDENTIALS", "AWS_WEB_IDENTITY_TOKEN_FILE",
      "GITHUB_TOKEN_PERMISSIONS", WorkflowToken.VARIABLE);
  /**
   * Words no secret is, whatever variable holds them: masking them would break every JSON document
   * and step output printed afterwards ({@code "createsBranch" : ***}).
   */
  private static final Set<String> NEVER_SECRET = Set.of("true", "false", "null");

  private volatile List<String> forms = List.of();

  /** Secrets taken from the environment and from secret-named flags in {@code args}. */
  public static Secrets of(Map<String, String> env, String... args) {
    Secrets secrets = new Secrets();
    env.forEach((name, value) -> {
      if (isSecretName(name)) {
        secrets.add(value);
      }
    });
    secrets.addFlagValues(args);
    return secrets;
  }

  /** Adds the values of secret-named flags: {@code --token VALUE} and {@code --token=VALUE}. */
  public void addFlagValues(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      if (isSecretName(name)) {
        if (equals >= 0) {
          add(arg.substring(equals + 1));
        } else if (i + 1 < args.length) {
          add(args[i + 1]);
        }
      }
    }
  }

  static boolean isSecretName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return !NOT_SECRET.contains(upper) && !NOT_SECRET.contains(upper.replaceFirst("^INPUT_", ""))
        && SECRET_NAME.matcher(name).matches();
  }

  /** Masks {@code secret} (and its encodings) in everything printed from now on. */
  public synchronized void add(String secret) {
    if (secret == null) {
      return;
    }
    Set<String> all = new LinkedHashSet<>(forms);
    for (String value : List.of(secret, secret.strip())) {
      addForms(all, value);
      value.lines().map(String::strip).forEach(line -> addForms(all, line));
    }
    List<String> sorted = new ArrayList<>(all);
    // Longest first, so a secret that contains another is masked whole.
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    forms = List.copyOf(sorted);
  }

  private static void addForms(Set<String> all, String value) {
    if (value.length() < MIN_LENGTH || NEVER_SECRET.contains(value.toLowerCase(Locale.ROOT))) {
      return;
    }
    all.add(value);
    all.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
    all.add(jsonEscaped(value));
    Base64.Encoder base64 = Base64.getEncoder();
    // git and JGit send a token as the password of HTTP Basic authentication.
    for (String basic : List.of("x-access-token:" + value, "git:" + value, value)) {
      String encoded = base64.encodeToString(basic.getBytes(StandardCharsets.UTF_8));
      all.add(encoded);
      all.add(encoded.replaceAll("=+$", ""));
    }
  }

  private static String jsonEscaped(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** True when {@code text} contains a known secret (for tests and for refusing to write it). */
  public boolean leaks(String text) {
    for (String form : forms) {
      if (text.contains(form)) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} with every known secret masked and terminal control characters made visible. */
  public String clean(String text) {
    if (text == null) {
      return null;
    }
    return mask(ControlCharacters.visible(text));
  }

  /** {@code text} with every known secret replaced by {@code ***}. */
  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String form : forms) {
      if (result.contains(form)) {
        result = result.replace(form, MASK);
      }
    }
    return result;
  }
}
