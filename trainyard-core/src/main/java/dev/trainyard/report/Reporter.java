package dev.trainyard.report;

/**
 * Where the core sends progress while it works. The core never prints; the CLI decides whether a
 * line goes to a terminal, a CI log group, or nowhere.
 */
public interface Reporter {

  /** Something the user should see while the command runs. */
  void info(String message);

  /** Something suspicious that does not stop the command. */
  void warn(String message);

  /** Detail for {@code --verbose} runs. */
  default void debug(String message) {}

  /** Progress of a long task: {@code done} of {@code total} units (bytes, files, requests). */
  default void progress(String task, long done, long total) {}

  static Reporter silent() {
    return new Reporter() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}
    };
  }
}
