package dev.trainyard.changelog;

import dev.trainyard.report.ControlCharacters;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One commit read as a conventional commit ({@code type(scope)!: subject}). A message that does not
 * follow the convention still becomes a value: type {@code other}, no scope, the first line as
 * subject, so nothing silently drops out of a changelog. Control characters in the text (ESC, BEL)
 * are replaced by visible symbols ({@link ControlCharacters}).
 *
 * @param type lower-case conventional type ({@code feat}, {@code fix}, ...) or {@code other}
 * @param scope the scope in parentheses, or null
 * @param subject first line after the colon, trimmed, without a trailing PR reference
 * @param body everything after the first line, or empty
 * @param breaking {@code !} after type/scope, or a {@code BREAKING CHANGE:} / {@code BREAKING-CHANGE:} footer
 * @param breakingNote the footer's text, or null
 * @param pr the pull request number from a trailing {@code (#123)}, or null
 * @param releaseAs the version of a {@code Release-As:} footer, or null
 * @param hash full commit id
 * @param author author name
 * @param date author date
 * @param closes issue numbers from {@code Closes #N} / {@code Fixes #N} footers
 * @param rawSubject the subject exactly as written after the colon (leading blanks and a trailing
 *     {@code (#123)} kept), as clog prints it; null for a message that is not a conventional commit
 */
public record ConventionalCommit(
    String type,
    String scope,
    String subject,
    String body,
    boolean breaking,
    String breakingNote,
    Integer pr,
    String releaseAs,
    String hash,
    String author,
    Instant date,
    List<Integer> closes,
    String rawSubject) {

  public ConventionalCommit {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(hash, "hash");
    // Commit text is anyone's: ESC, BEL and other control characters are made visible here, once,
    // so no changelog, release note, JSON or terminal line carries them raw.
    type = ControlCharacters.visible(type);
    scope = ControlCharacters.visible(scope);
    subject = ControlCharacters.visible(subject);
    body = body == null ? "" : ControlCharacters.visible(body);
    breakingNote = ControlCharacters.visible(breakingNote);
    author = ControlCharacters.visible(author);
    closes = closes == null ? List.of() : List.copyOf(closes);
  }

  /** A commit without its raw subject (built by hand rather than parsed). */
  public ConventionalCommit(String type, String scope, String subject, String body, boolean breaking,
      String breakingNote, Integer pr, String releaseAs, String hash, String author, Instant date, List<Integer> closes) {
    this(type, scope, subject, body, breaking, breakingNote, pr, releaseAs, hash, author, date, closes, null);
  }

  public String shortHash() {
    return hash.substring(0, Math.min(7, hash.length()));
  }
}
