package dev.trainyard.ci;

import java.util.Objects;

/**
 * A status check the branch's rules require before a merge: a check run name or a status context.
 *
 * @param name the check run name or status context, matched exactly (not a glob)
 * @param appId the GitHub App that must report it ({@code integration_id} of a ruleset, {@code app_id}
 *     of branch protection), or null for any
 * @param source where it was read: {@link RequiredChecks#RULESETS} or {@link RequiredChecks#BRANCH_PROTECTION}
 */
public record RequiredCheck(String name, Long appId, String source) {
  public RequiredCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
  }

  /** Whether {@code check} is this required check: same name, and the same app when one is named. */
  public boolean isSatisfiedBy(CiCheck check) {
    if (!name.equals(check.name())) {
      return false;
    }
    // A commit status names no app; a check run whose app is unknown (0) is given the benefit of the doubt.
    return appId == null || check.kind() == CheckKind.STATUS || check.appId() == 0 || check.appId() == appId;
  }
}
