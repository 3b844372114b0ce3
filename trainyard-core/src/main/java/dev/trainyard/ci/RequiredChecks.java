package dev.trainyard.ci;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The required status checks that apply to a branch, as {@code verify-ci --required auto} read them,
 * and from where.
 *
 * @param branch the branch whose rules were read
 * @param checks the required checks of every readable source (a check both sources require appears
 *     once per source)
 * @param sources what each source answered, in the order they were read
 */
public record RequiredChecks(String branch, List<RequiredCheck> checks, List<Source> sources) {
  /** Repository and organisation rulesets, through the branch rules API. */
  public static final String RULESETS = "rulesets";
  /** Classic branch protection. */
  public static final String BRANCH_PROTECTION = "branch protection";

  public RequiredChecks {
    Objects.requireNonNull(branch, "branch");
    checks = List.copyOf(checks);
    sources = List.copyOf(sources);
  }

  /**
   * What one source answered.
   *
   * @param name {@link #RULESETS} or {@link #BRANCH_PROTECTION}
   * @param readable whether this token could read it
   * @param httpStatus the status of the answer that decided (200, or 403/404 when not readable)
   * @param via the endpoint that answered, e.g. {@code GET /repos/o/r/rules/branches/main}
   * @param checks how many required checks it named
   */
  public record Source(String name, boolean readable, int httpStatus, String via, int checks) {}

  /** The names every readable source requires, each once, in order. */
  public List<String> names() {
    Set<String> names = new LinkedHashSet<>();
    checks.forEach(check -> names.add(check.name()));
    return List.copyOf(names);
  }

  /** Neither source could be read: the required checks are unknown. */
  public boolean unknown() {
    return sources.stream().noneMatch(Source::readable);
  }

  /** "rulesets and branch protection", the sources that were read. */
  public String readFrom() {
    List<String> read = new ArrayList<>();
    sources.stream().filter(Source::readable).forEach(source -> read.add(source.name()));
    return read.isEmpty() ? "no readable source" : String.join(" and ", read);
  }
}
