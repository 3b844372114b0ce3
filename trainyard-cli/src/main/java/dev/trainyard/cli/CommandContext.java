package dev.trainyard.cli;

import dev.trainyard.config.ConfigLoader;
import dev.trainyard.config.GitHubSection;
import dev.trainyard.config.TrainyardConfig;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.github.RepositorySlug;
import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.report.Reporter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** What a running command may use: environment, output, GitHub Actions I/O, configuration. */
public final class CommandContext {
  private final CliEnvironment environment;
  private final CommonOptions options;
  private final ActionsIO actions;
  private final CliReporter reporter;
  private TrainyardConfig config;

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

  /** As {@link #config()}, looking for the default file in {@code root} (e.g. the repository root). */
  public TrainyardConfig config(Path root) {
    if (config == null) {
      ConfigLoader loader = new ConfigLoader();
      if (options.config != null) {
        config = loader.load(resolve(options.config), true);
      } else {
        Path candidate = root.resolve(ConfigLoader.DEFAULT_FILE_NAME);
        config = Files.exists(candidate) ? loader.load(candidate, false) : TrainyardConfig.defaults();
      }
    }
    return config;
  }

  /**
   * Where GitHub is and who we are there: a flag wins, then {@code github:} in the configuration,
   * then the runner's {@code GITHUB_*} variables, then github.com. The token is masked in the log; a
   * token with a control character is refused (exit 2) without showing it.
   *
   * @param repositoryFlag {@code owner/name} from a flag, or null
   * @param repositoryFlagName the flag's name for error messages
   * @param tokenFlag a token from a flag or input, or null to use {@code GITHUB_TOKEN}
   */
  public GitHubEndpoint gitHub(String repositoryFlag, String repositoryFlagName, String tokenFlag) {
    actions.mask(tokenFlag);
    actions.mask(env("GITHUB_TOKEN"));
    String token = tokenFlag != null ? GitHubEndpoint.checkedToken(tokenFlag, "--token")
        : GitHubEndpoint.checkedToken(env("GITHUB_TOKEN"), "GITHUB_TOKEN");
    return gitHubLocation(repositoryFlag, repositoryFlagName).withToken(token);
  }

  /** As {@link #gitHub}, without a token: for links, which need the server and repository only. */
  public GitHubEndpoint gitHubLocation(String repositoryFlag, String repositoryFlagName) {
    Map<String, String> withoutToken = new java.util.HashMap<>(env());
    withoutToken.remove("GITHUB_TOKEN");
    GitHubEndpoint endpoint = GitHubEndpoint.fromEnvironment(withoutToken);
    GitHubSection section = config().githubOrDefaults();
    if (section.apiUrl() != null || section.serverUrl() != null) {
      endpoint = new GitHubEndpoint(
          section.apiUrl() != null ? section.apiUrl() : endpoint.apiUrl(),
          section.serverUrl() != null ? section.serverUrl() : endpoint.serverUrl(),
          null, endpoint.repository());
    }
    if (section.repository() != null) {
      endpoint = endpoint.withRepository(RepositorySlug.parse(section.repository(), "github.repository"));
    }
    if (repositoryFlag != null) {
      endpoint = endpoint.withRepository(RepositorySlug.parse(repositoryFlag, repositoryFlagName));
    }
    return endpoint;
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
