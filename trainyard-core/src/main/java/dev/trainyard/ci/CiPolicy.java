package dev.trainyard.ci;

import dev.trainyard.TrainyardException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which checks decide the verdict and which conclusions pass.
 *
 * <p>Patterns are globs over the check name or status context: {@code *} matches any run of
 * characters (slashes included, since Actions names look like {@code build (ubuntu, 17)} and status
 * contexts like {@code ci/circleci: test}), {@code ?} one character; matching is case-sensitive, as
 * GitHub's branch protection is.
 *
 * @param required when non-empty, only checks matching one of these count, and each pattern must
 *     match at least one check; when empty, every check that is not ignored counts
 * @param ignored checks matching one of these never count
 * @param passingConclusions check run conclusions that pass (statuses pass only on {@code success})
 * @param discoveryGrace while waiting, how long "no checks at all" is still read as "not created
 *     yet" before it becomes a failure
 * @param branchRequired the checks the branch's rules require ({@code --required auto}), matched by
 *     exact name: each must report and pass, and while one has not reported the verdict is pending;
 *     they count even when {@code required} patterns narrow the rest
 */
public record CiPolicy(
    List<String> required, List<String> ignored, Set<String> passingConclusions, Duration discoveryGrace,
    List<RequiredCheck> branchRequired) {

  /** Every conclusion GitHub documents for a completed check run. */
  public static final Set<String> KNOWN_CONCLUSIONS =
      Set.of(
          "success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required", "stale",
          "startup_failure");

  public static final Set<String> DEFAULT_PASSING = Set.of("success", "skipped", "neutral");
  public static final Duration DEFAULT_DISCOVERY_GRACE = Duration.ofMinutes(2);

  public CiPolicy(List<String> required, List<String> ignored, Set<String> passingConclusions, Duration discoveryGrace) {
    this(required, ignored, passingConclusions, discoveryGrace, List.of());
  }

  public CiPolicy {
    branchRequired = List.copyOf(Objects.requireNonNull(branchRequired, "branchRequired"));
    required = List.copyOf(Objects.requireNonNull(required, "required"));
    ignored = List.copyOf(Objects.requireNonNull(ignored, "ignored"));
    Objects.requireNonNull(passingConclusions, "passingConclusions");
    Objects.requireNonNull(discoveryGrace, "discoveryGrace");
    for (String pattern : required) {
      requirePattern(pattern, "required check");
    }
    for (String pattern : ignored) {
      requirePattern(pattern, "ignored check");
    }
    Set<String> normalized = new LinkedHashSet<>();
    for (String conclusion : passingConclusions) {
      normalized.add(checkConclusion(conclusion, "passing conclusion"));
    }
    if (normalized.isEmpty()) {
      throw TrainyardException.invalidInput(
          "passing conclusions are empty: no check could ever pass", "keep at least 'success'");
    }
    passingConclusions = Set.copyOf(normalized);
    if (discoveryGrace.isNegative()) {
      throw TrainyardException.invalidInput("discovery grace must not be negative, got " + discoveryGrace, null);
    }
  }

  /**
   * The conclusion, trimmed and lower-cased, when GitHub documents it; else an error naming
   * {@code source} (a flag, a configuration key).
   */
  static String checkConclusion(String conclusion, String source) {
    String value = conclusion == null ? "" : conclusion.trim().toLowerCase(Locale.ROOT);
    if (!KNOWN_CONCLUSIONS.contains(value)) {
      throw TrainyardException.invalidInput(
          source + " '" + conclusion + "' is not a GitHub check conclusion",
          "use some of " + String.join(", ", KNOWN_CONCLUSIONS.stream().sorted().toList()));
    }
    return value;
  }

  public static CiPolicy defaults() {
    return new CiPolicy(List.of(), List.of(), DEFAULT_PASSING, DEFAULT_DISCOVERY_GRACE);
  }

  public boolean isIgnored(String name) {
    return ignored.stream().anyMatch(pattern -> matches(pattern, name));
  }

  public boolean isRequired(String name) {
    return required.isEmpty() || required.stream().anyMatch(pattern -> matches(pattern, name))
        || branchRequired.stream().anyMatch(check -> check.name().equals(name));
  }

  /** This policy with the branch's required checks added. */
  public CiPolicy withBranchRequired(List<RequiredCheck> checks) {
    return new CiPolicy(required, ignored, passingConclusions, discoveryGrace, checks);
  }

  public boolean passes(String conclusion) {
    return conclusion != null && passingConclusions.contains(conclusion);
  }

  /** Glob match over the whole name. */
  public static boolean matches(String glob, String name) {
    return toRegex(glob).matcher(name).matches();
  }

  private static Pattern toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static void requirePattern(String pattern, String what) {
    if (pattern == null || pattern.isBlank()) {
      throw TrainyardException.invalidInput(what + " pattern is empty", "remove it or give a check name or glob");
    }
  }
}
