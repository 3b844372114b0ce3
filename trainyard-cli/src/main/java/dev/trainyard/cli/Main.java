package dev.trainyard.cli;

/** Process entry point: the only place that exits. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CliEnvironment environment = CliEnvironment.system();
    int code = Trainyard.run(environment, args);
    environment.out().flush();
    environment.err().flush();
    System.exit(code);
  }
}
