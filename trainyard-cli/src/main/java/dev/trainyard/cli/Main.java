package dev.trainyard.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;

/** Process entry point: the only place that exits. */
public final class Main {
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
    // first trainyard step of a job pays it.
    warmUpInBackground();
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
   * Initialises the time-zone rules on the second core while picocli parses the arguments: JGit
   * asks for the default zone, and the JDK first looks for zone-rule providers on every jar. The
   * main thread waits for a class still being initialised here, so nothing runs twice.
   */
  private static void warmUpInBackground() {
    Thread warmUp = new Thread(() -> ZoneId.systemDefault().getRules(), "trainyard-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }
}
