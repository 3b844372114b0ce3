package dev.trainyard.cli;

/** Process entry point: the only place that exits. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // JGit measures a new file store's timestamp resolution once (about 3 s) and saves it under
    // ~/.config/jgit. It must not run in the background (FileStoreAttributes.setBackground): the
    // process would exit mid-measurement and leave .probe-* files in the user's .git/objects. On
    // the Actions runner, /github/home is kept across the container steps of a job, so only the
    // first trainyard step of a job pays it.
    CliEnvironment environment = CliEnvironment.system();
    int code = Trainyard.run(environment, args);
    environment.out().flush();
    environment.err().flush();
    System.exit(code);
  }
}
