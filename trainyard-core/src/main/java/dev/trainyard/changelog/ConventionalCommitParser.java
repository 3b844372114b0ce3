package dev.trainyard.changelog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a commit message as a conventional commit. Lenient where real histories are messy (GitHub
 * merge and squash messages, reverts, CRLF, missing types) and strict where a wrong guess would
 * change a version: only an upper-case {@code BREAKING CHANGE:} footer or a {@code !} marks a
 * breaking change, as the specification says.
 */
public final class ConventionalCommitParser {

  /** The type a message gets when it does not follow the convention. */
  public static final String OTHER = "other";

  private static final Pattern HEADER =
      Pattern.compile("^(?<type>[A-Za-z][A-Za-z0-9_-]*)(?:\\((?<scope>[^()]*)\\))?(?<bang>!)?:\\s+(?<subject>.*)$");
  private static final Pattern TRAILING_PR = Pattern.compile("\\s*\\(#(?<number>\\d+)\\)\\s*$");
  private static final Pattern GITHUB_MERGE =
      Pattern.compile("^Merge pull request #(?<number>\\d+) from \\S+.*$");
  private static final Pattern REVERT = Pattern.compile("^Revert \"(?<inner>.*)\"\\s*$");
  private static final Pattern BREAKING_FOOTER = Pattern.compile("^BREAKING[ -]CHANGE:\\s*(?<note>.*)$");
  private static final Pattern RELEASE_AS =
      Pattern.compile("^Release-As:\\s*v?(?<version>\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]+)?)\\s*$",
          Pattern.CASE_INSENSITIVE);
  // A footer token per the specification ("Token: value" or "Token #value"); ends a breaking note.
  private static final Pattern FOOTER_TOKEN = Pattern.compile("^(?:[A-Za-z][A-Za-z-]*(?::\\s| #)|BREAKING[ -]CHANGE:)");
  private static final Pattern CLOSES =
      Pattern.compile("\\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\\s+(?<refs>#\\d+(?:\\s*,\\s*(?:and\\s+)?#\\d+)*)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ISSUE_NUMBER = Pattern.compile("#(\\d+)");

  private ConventionalCommitParser() {}

  /**
   * Parses {@code fullMessage} (as git stores it, any line endings) into a commit value.
   *
   * @param hash full commit id
   * @param author author name, may be null
   * @param date author date, may be null
   */
  public static ConventionalCommit parse(String fullMessage, String hash, String author, Instant date) {
    String message = fullMessage == null ? "" : fullMessage.replace("\r\n", "\n").replace('\r', '\n');
    String[] lines = message.strip().split("\n", -1);
    String header = lines[0].strip();
    String body = joinFrom(lines, 1).strip();

    Integer pr = null;
    Matcher merge = GITHUB_MERGE.matcher(header);
    if (merge.matches()) {
      // GitHub puts the pull request's title in the first body line; that is the real subject.
      pr = Integer.valueOf(merge.group("number"));
      String[] bodyLines = body.split("\n", -1);
      if (!body.isEmpty()) {
        header = bodyLines[0].strip();
        body = joinFrom(bodyLines, 1).strip();
      }
    }

    String unstripped = header;
    Matcher trailingPr = TRAILING_PR.matcher(header);
    if (trailingPr.find()) {
      if (pr == null) {
        pr = Integer.valueOf(trailingPr.group("number"));
      }
      header = header.substring(0, trailingPr.start());
    }

    String type = OTHER;
    String rawSubject = null;
    String scope = null;
    boolean breaking = false;
    String subject = header;

    Matcher revert = REVERT.matcher(header);
    Matcher conventional = HEADER.matcher(header);
    if (revert.matches()) {
      type = "revert";
      Matcher inner = HEADER.matcher(revert.group("inner"));
      if (inner.matches()) {
        scope = emptyToNull(inner.group("scope"));
        subject = inner.group("subject");
      } else {
        subject = revert.group("inner");
      }
    } else if (conventional.matches()) {
      type = conventional.group("type").toLowerCase(Locale.ROOT);
      scope = emptyToNull(conventional.group("scope"));
      breaking = conventional.group("bang") != null;
      subject = conventional.group("subject");
      rawSubject = unstripped.substring(unstripped.lastIndexOf(':', conventional.start("subject") - 1) + 1);
    }

    subject = subject.strip();

    Footers footers = readFooters(body);
    return new ConventionalCommit(
        type,
        scope,
        subject,
        body,
        breaking || footers.breaking,
        footers.breakingNote,
        pr,
        footers.releaseAs,
        hash,
        author,
        date,
        footers.closes,
        rawSubject);
  }

  /** The pull request number of a GitHub merge commit's first line, or null for any other message. */
  static Integer githubMergePullRequest(String firstLine) {
    Matcher merge = GITHUB_MERGE.matcher(firstLine == null ? "" : firstLine.strip());
    return merge.matches() ? Integer.valueOf(merge.group("number")) : null;
  }

  private record Footers(boolean breaking, String breakingNote, String releaseAs, List<Integer> closes) {}

  private static Footers readFooters(String body) {
    boolean breaking = false;
    StringBuilder note = null;
    String releaseAs = null;
    Set<Integer> closes = new LinkedHashSet<>();
    boolean inNote = false;
    for (String rawLine : body.split("\n", -1)) {
      String line = rawLine.strip();
      Matcher breakingFooter = BREAKING_FOOTER.matcher(line);
      if (breakingFooter.matches()) {
        breaking = true;
        if (note == null) {
          note = new StringBuilder(breakingFooter.group("note"));
        } else {
          note.append('\n').append(breakingFooter.group("note"));
        }
        inNote = true;
        continue;
      }
      if (inNote) {
        if (line.isEmpty() || FOOTER_TOKEN.matcher(line).find()) {
          inNote = false;
        } else {
          note.append(note.length() == 0 ? "" : "\n").append(line);
          continue;
        }
      }
      Matcher releaseAsFooter = RELEASE_AS.matcher(line);
      if (releaseAsFooter.matches()) {
        releaseAs = releaseAsFooter.group("version");
        continue;
      }
      Matcher closing = CLOSES.matcher(line);
      while (closing.find()) {
        Matcher number = ISSUE_NUMBER.matcher(closing.group("refs"));
        while (number.find()) {
          closes.add(Integer.valueOf(number.group(1)));
        }
      }
    }
    String breakingNote = note == null || note.toString().isBlank() ? null : note.toString().strip();
    return new Footers(breaking, breakingNote, releaseAs, new ArrayList<>(closes));
  }

  private static String joinFrom(String[] lines, int from) {
    if (from >= lines.length) {
      return "";
    }
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }

  private static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
