package dev.trainyard.changelog;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The release a changelog section is written for.
 *
 * @param version the new version without prefix, e.g. {@code 1.212.0} or {@code 2026.11.24}
 * @param tag the new tag, e.g. {@code v1.212.0}
 * @param previousVersion the previous version without prefix, or null for a first release
 * @param previousTag the previous tag, or null for a first release
 * @param date the release date written in headings
 */
public record ChangelogRelease(
    String version, String tag, String previousVersion, String previousTag, LocalDate date) {
  public ChangelogRelease {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(date, "date");
  }
}
