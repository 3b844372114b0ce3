package dev.trainyard.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;

/** Process entry point: the only place that exits. */
public final class Main {
  /** The tz database's names for UTC: the same fixed rules under another name. */
  private static final Set<String> UTC_ALIASES = Set.of(
      "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu",
      "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "GMT0", "GMT+0", "GMT-0", "Etc/Greenwich", "Greenwich");

  private Main() {}

  public static void main(String[] args) {
    StartupTiming.mainEntered();
    // A lookup that misses (a class or resource on no jar) opens every jar on the classpath, 150
    // of them with the cloud SDKs, which costs a short command a sixth of its run. Hence: picocli
    // does not probe for Groovy's closure class, SLF4J (>= 2.0.9) is told its binding instead of
    // scanning for one (and keeps quiet about that), and the root locale keeps JGit from looking
    // for its message bundle as JGitText_en first. trainyard's output is English either way.
    System.setProperty("picocli.disable.closures", "true");
    System.setProperty("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    Locale.setDefault(Locale.ROOT);
    // JGit measures a new file store's timestamp resolution once (about 3 s) and saves it under
    // ~/.config/jgit. It must not run in the background (FileStoreAttributes.setBackground): the
    // process would exit mid-measurement and leave .probe-* files in the user's .git/objects. On
    // the Actions runner, /github/home is kept across the container steps of a job, so only the
    // first trainyard step of a job pays it. (JGitWarmUp, started below, only initialises JGit's
    // classes; it measures nothing.)
    settleTimeZone();
    // After the zone is settled: JGit reads it while it starts.
    Trainyard.startWarmUp(args);
    // Whatever a library or an in-process git hook prints on System.out/err is masked too; the
    // environment writes to the real streams (so the runner's ::add-mask:: command gets through).
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    Secrets secrets = Secrets.of(System.getenv(), args);
    System.setOut(new PrintStream(new MaskingOutputStream(realOut, secrets), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new MaskingOutputStream(realErr, secrets), true, StandardCharsets.UTF_8));
    CliEnvironment environment = CliEnvironment.system(realOut, realErr, secrets).masked(args);
    Interruptions.install(environment.err());
    int code = Trainyard.run(environment, args);
    environment.out().flush();
    environment.err().flush();
    Interruptions.finished();
    StartupTiming.report(realErr);
    System.exit(code);
  }

  /**
   * The default zone's rules come from the JDK's zone-rule providers, and the first lookup loads
   * them all: it scans every jar on the classpath for more providers and starts ical4j's (about a
   * quarter of a second of CPU), even where the zone is UTC, as on the Actions runners and in the
   * image. UTC under another of its names is made plain UTC, whose fixed rules need no provider.
   * Any other zone has its rules loaded on the second core while picocli parses the arguments
   * (JGit asks for them first; the main thread then waits for the class being initialised here,
   * so nothing runs twice).
   */
  private static void settleTimeZone() {
    if (UTC_ALIASES.contains(TimeZone.getDefault().getID())) {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      return;
    }
    Thread warmUp = new Thread(() -> ZoneId.systemDefault().getRules(), "trainyard-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }
}
