import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Writes a git fast-import stream for a large monorepo with mixed tag schemes, so the changelog
 * benchmark has a realistic history without any network:
 *
 * <ul>
 *   <li>50,000 commits on main touching packages/{auth,content,profile,payments} and the root;
 *   <li>an old scheme first ({@code release-0.K}, every 40 commits, 150 tags, every third lightweight);
 *   <li>then 400 train tags {@code v1.N.0}, annotated, on main; the last train is cut 300 commits
 *       after the one before, so the measured range has a few hundred commits, and 25 unreleased
 *       commits follow it;
 *   <li>200 patch releases {@code v1.N.1} on {@code train-N} branches (two commits each), merged back
 *       into main with a merge commit, like the real process;
 *   <li>150 feature tags {@code v1.N.0-feature} / {@code v1.N.1-feature} (lightweight), 100
 *       {@code v1.N.0-private} (annotated) and one {@code v1.0.0-rc1} next to trains: they must never
 *       be taken for the previous release. 1,000 tags in all.
 * </ul>
 *
 * Messages are conventional commits with scopes, GitHub squash PR numbers, breaking changes, and a
 * share of plain messages. Fixed seed: the same repository every run.
 *
 * <p>Usage: {@code java GenRepo.java | git fast-import --quiet}
 */
public class GenRepo {
  static final int COMMITS = 50_000;
  static final int OLD_SCHEME_TAGS = 150;
  static final int OLD_SCHEME_EVERY = 40;
  static final int TRAINS = 400;
  static final int LAST_RANGE = 300;
  /** Unreleased commits after the last train, so next-version has something to version. */
  static final int UNRELEASED = 25;
  static final String[] PACKAGES = {"auth", "content", "profile", "payments"};
  static final String[] TYPES = {"feat", "fix", "fix", "chore", "refactor", "perf", "docs", "test", "ci", "revert"};
  static final String[] WORDS = {
    "token", "session", "login", "email", "cache", "retry", "metrics", "locale", "redirect", "avatar",
    "subscription", "invoice", "webhook", "totp", "recovery", "device", "sync", "storage", "quota", "banner"
  };

  final OutputStream out;
  final Random random = new Random(20261121L);
  int mark = 0;
  long time = 1_500_000_000L;
  int pr = 1;
  final int[] fileVersion = new int[PACKAGES.length + 1];

  GenRepo(OutputStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    try (OutputStream out = new BufferedOutputStream(System.out, 1 << 20)) {
      new GenRepo(out).run();
    }
  }

  void run() throws IOException {
    int oldSchemeCommits = OLD_SCHEME_TAGS * OLD_SCHEME_EVERY;
    int trainCommits = COMMITS - oldSchemeCommits - 2 * (TRAINS / 2);
    // Trains 1..TRAINS-1 are evenly spaced; the last one comes LAST_RANGE commits later.
    int spacing = (trainCommits - LAST_RANGE) / (TRAINS - 1);
    int mainMark = 0;
    int train = 0;
    int written = 0;
    int pendingMergeBack = 0;
    int pendingTrain = 0;
    for (int i = 1; written < COMMITS; i++) {
      boolean oldEra = i <= oldSchemeCommits;
      if (pendingMergeBack != 0 && random.nextInt(20) == 0) {
        mainMark = commit("main", mainMark, pendingMergeBack,
            "Merge pull request #" + (pr++) + " from mozilla/train-" + pendingTrain + "\n\nMerge train-" + pendingTrain
                + " into main", -1);
        pendingMergeBack = 0;
        written++;
        continue;
      }
      mainMark = commit("main", mainMark, 0, message(), random.nextInt(PACKAGES.length + 1));
      written++;
      if (oldEra && i % OLD_SCHEME_EVERY == 0) {
        int k = i / OLD_SCHEME_EVERY;
        if (k % 3 == 0) {
          lightweightTag("release-0." + k, mainMark);
        } else {
          annotatedTag("release-0." + k, mainMark, "Old scheme release");
        }
      }
      if (i == oldSchemeCommits) {
        lightweightTag("v1.0.0-rc1", mainMark);
      }
      int sinceOld = i - oldSchemeCommits;
      boolean trainDue = !oldEra && train < TRAINS - 1 && sinceOld % spacing == 0;
      boolean lastTrainDue = !oldEra && train == TRAINS - 1 && written >= COMMITS - UNRELEASED;
      if (trainDue || lastTrainDue) {
        train++;
        String version = "1." + train + ".0";
        annotatedTag("v" + version, mainMark, "Train release " + train);
        if (train % 8 == 1 || train % 8 == 3) {
          lightweightTag("v" + version + "-feature", mainMark);
        } else if (train % 8 == 5) {
          annotatedTag("v" + version + "-private", mainMark, "Train release " + version + "-private");
        } else if (train % 8 == 7) {
          lightweightTag("v1." + train + ".1-feature", mainMark);
          annotatedTag("v" + version + "-private", mainMark, "Train release " + version + "-private");
        }
        if (train % 2 == 0 && train < TRAINS) {
          // A dot release on train-N, merged back into main a little later.
          String branch = "train-" + train;
          int p1 = commit(branch, mainMark, 0, "fix(auth): hotfix for train " + train + " (#" + (pr++) + ")", 0);
          int p2 = commit(branch, p1, 0, "Release 1." + train + ".1", 4);
          annotatedTag("v1." + train + ".1", p2, "Patch release 1." + train + ".1");
          written += 2;
          pendingMergeBack = p2;
          pendingTrain = train;
        }
      }
    }
    write("reset refs/heads/main\nfrom :" + mainMark + "\n\n");
  }

  String message() {
    int roll = random.nextInt(100);
    String subject = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " handling";
    if (roll < 8) {
      return "Update " + WORDS[random.nextInt(WORDS.length)] + " docs";
    }
    String type = TYPES[random.nextInt(TYPES.length)];
    String scope = random.nextInt(3) == 0 ? "" : "(" + PACKAGES[random.nextInt(PACKAGES.length)] + ")";
    boolean breaking = random.nextInt(200) == 0;
    if (type.equals("revert")) {
      return "Revert \"feat" + scope + ": " + subject + "\"\n\nThis reverts an earlier commit.";
    }
    String header = type + scope + (breaking ? "!" : "") + ": " + subject;
    if (random.nextBoolean()) {
      header += " (#" + (pr++) + ")";
    }
    String body = random.nextInt(4) == 0 ? "\n\nCloses #" + (1000 + random.nextInt(9000)) : "";
    if (random.nextInt(150) == 0) {
      body += "\n\nBREAKING CHANGE: the " + WORDS[random.nextInt(WORDS.length)] + " API changed";
    }
    return header + body;
  }

  /** A commit on {@code branch}; {@code area} picks packages/NAME or (== PACKAGES.length) the root. */
  int commit(String branch, int parent, int merge, String message, int area) throws IOException {
    int id = ++mark;
    time += 60 + random.nextInt(600);
    String path;
    String content;
    if (area < 0) {
      path = null;
      content = null;
    } else if (area == PACKAGES.length) {
      path = "README.md";
      content = "root " + (++fileVersion[area]) + "\n";
    } else {
      path = "packages/" + PACKAGES[area] + "/src/file" + (fileVersion[area] % 20) + ".txt";
      content = PACKAGES[area] + " " + (++fileVersion[area]) + "\n";
    }
    StringBuilder s = new StringBuilder();
    s.append("commit refs/heads/").append(branch).append('\n');
    s.append("mark :").append(id).append('\n');
    s.append("author Dev ").append(id % 37).append(" <dev").append(id % 37).append("@example.com> ").append(time).append(" +0000\n");
    s.append("committer Dev ").append(id % 37).append(" <dev").append(id % 37).append("@example.com> ").append(time).append(" +0000\n");
    data(s, message + "\n");
    if (parent != 0) {
      s.append("from :").append(parent).append('\n');
    }
    if (merge != 0) {
      s.append("merge :").append(merge).append('\n');
    }
    if (path != null) {
      s.append("M 100644 inline ").append(path).append('\n');
      data(s, content);
    }
    s.append('\n');
    write(s.toString());
    return id;
  }

  void annotatedTag(String name, int target, String message) throws IOException {
    StringBuilder s = new StringBuilder();
    s.append("tag ").append(name).append('\n');
    s.append("from :").append(target).append('\n');
    s.append("tagger Release Owner <release@example.com> ").append(time).append(" +0000\n");
    data(s, message + "\n");
    s.append('\n');
    write(s.toString());
  }

  void lightweightTag(String name, int target) throws IOException {
    write("reset refs/tags/" + name + "\nfrom :" + target + "\n\n");
  }

  static void data(StringBuilder s, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    s.append("data ").append(bytes.length).append('\n').append(text);
  }

  void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
