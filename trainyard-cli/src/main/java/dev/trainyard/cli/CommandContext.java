package dev.trainyard.cli;

import dev.trainyard.config.ConfigLoader;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.report.Reporter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** What a running command may use: environment, output, GitHub Actions I/O, configuration. */
public final class CommandContext {
  private final CliEnvironment environment;
  private final CommonOptions options;
  private final ActionsIO actions;
  private final CliReporter reporter;
  private final ConfigLoader loader = new ConfigLoader();
  private final Map<Path, TrainyardConfig> configs = new HashMap<>();

  CommandContext(CliEnvironment environment, CommonOptions options) {
    this.environment = environment;
    this.options = options;
    this.actions = new ActionsIO(environment, options.json);
    this.reporter = new CliReporter(environment, actions, options.verbose);
  }

  /** Standard output: the command's result (text, or the one JSON object with --json). */
  public PrintWriter out() {
    return environment.out();
  }

  /** Standard error: progress, warnings, errors. */
  public PrintWriter err() {
    return environment.err();
  }

  public Reporter reporter() {
    return reporter;
  }

  public ActionsIO actions() {
    return actions;
  }

  public Map<String, String> env() {
    return environment.env();
  }

  /** An environment variable, or null when unset or empty. */
  public String env(String name) {
    return environment.get(name);
  }

  public Path workingDirectory() {
    return environment.workingDirectory();
  }

  /** Resolves a user-given path against the working directory. */
  public Path resolve(Path path) {
    return environment.workingDirectory().resolve(path).normalize();
  }

  public Clock clock() {
    return environment.clock();
  }

  public boolean json() {
    return options.json;
  }

  public boolean verbose() {
    return options.verbose;
  }

  /**
   * The configuration: {@code --config FILE} (must exist), else {@code .trainyard.yml} in the
   * working directory when present, else the defaults.
   */
  public TrainyardConfig config() {
    return config(environment.workingDirectory());
  }

  /**
   * As {@link #config()}, looking for the default file in {@code root} (e.g. the repository root).
   * Each file is read once per run.
   */
  public TrainyardConfig config(Path root) {
    if (options.config != null) {
      return configs.computeIfAbsent(resolve(options.config), file -> loader.load(file, true));
    }
    Path candidate = resolve(root).resolve(ConfigLoader.DEFAULT_FILE_NAME);
    return configs.computeIfAbsent(candidate,
        file -> Files.exists(file) ? loader.load(file, false) : TrainyardConfig.defaults());
  }

  /**
   * Where GitHub is and who we are there ({@link GitHubEndpoint#resolve}: flag, then {@code github:}
   * in {@code config}, then the runner's {@code GITHUB_*} variables, then github.com). The token is
   * masked in the log; a token with a control character is refused (exit 2) without showing it.
   * Commands that take the flags get them through {@link GitHubOptions}.
   *
   * @param repositorySlugFlag {@code owner/name} from {@code --repo-slug}, or null
   * @param tokenFlag a token from {@code --token} or its input, or null to use {@code GITHUB_TOKEN}
   */
  public GitHubEndpoint gitHub(TrainyardConfig config, String repositorySlugFlag, String tokenFlag) {
    actions.mask(tokenFlag);
    actions.mask(env("GITHUB_TOKEN"));
    GitHubEndpoint endpoint = GitHubEndpoint.resolve(
        config.githubOrDefaults(), env(), repositorySlugFlag, "--repo-slug", tokenFlag);
    actions.mask(endpoint.token());
    return endpoint;
  }

  /** As {@link #gitHub} without flags and without a token: for links. */
  public GitHubEndpoint gitHubLocation(TrainyardConfig config) {
    return GitHubEndpoint.resolveLocation(config.githubOrDefaults(), env());
  }

  /**
   * A cancellation a signal raises while it is current (Ctrl-C or SIGTERM in a real process; never
   * in a test run in-process); hand it back with {@link #endCancellation} when the work is over.
   */
  public dev.trainyard.release.Cancellation cancellation() {
    return Interruptions.begin();
  }

  public void endCancellation(dev.trainyard.release.Cancellation cancellation) {
    Interruptions.end(cancellation);
  }

  /** Prints {@code value} as the command's one JSON object. */
  public void printJson(Object value) {
    out().println(toJson(value));
    out().flush();
  }

  public static String toJson(Object value) {
    return JsonOutput.render(value);
  }

  void finish() {
    reporter.finish();
    out().flush();
    err().flush();
  }
}
