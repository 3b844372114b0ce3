package dev.trainyard.cli;

/** Process entry point: the only place that exits. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // JGit otherwise spends about 3 s measuring the file system's timestamp resolution the first
    // time it sees a file store, and only remembers the answer in ~/.config/jgit: every fresh
    // container (one per workflow step) would pay it. In the background the first run uses the safe
    // 2 s fallback (racily-clean files are compared by content) while the measurement is saved.
    org.eclipse.jgit.util.FS.FileStoreAttributes.setBackground(true);
    CliEnvironment environment = CliEnvironment.system();
    int code = Trainyard.run(environment, args);
    environment.out().flush();
    environment.err().flush();
    System.exit(code);
  }
}
