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

  /**
   * Words that make a variable or flag name secret, matched anywhere in the name with case, '_' and
   * '-' ignored. An access key is secret too, its id is not (see {@link #isSecretName}). Plain
   * string searches, not a regular expression: compiling one and matching it against every
   * variable of the environment cost each run 20 ms before it started.
   */
  private static final List<String> SECRET_WORDS =
      List.of("token", "secret", "password", "passwd", "apikey", "privatekey", "credentialjson", "credentialsjson");
  private static final String ACCESS_KEY = "accesskey";
  /** Names that hold one of the words above but a path, an identifier or a flag, not a secret. */
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
    if (NOT_SECRET.contains(upper) || upper.startsWith("INPUT_") && NOT_SECRET.contains(upper.substring("INPUT_".length()))) {
      return false;
    }
    String words = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    for (String secret : SECRET_WORDS) {
      if (words.contains(secret)) {
        return true;
      }
    }
    for (int at = words.indexOf(ACCESS_KEY); at >= 0; at = words.indexOf(ACCESS_KEY, at + 1)) {
      if (!words.startsWith("id", at + ACCESS_KEY.length())) {
        return true;
      }
    }
    return false;
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
      all.add(withoutPadding(encoded));
    }
  }

  private static String withoutPadding(String base64) {
    int end = base64.length();
    while (end > 0 && base64.charAt(end - 1) == '=') {
      end--;
    }
    return base64.substring(0, end);
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
