package dev.trainyard.github;

import dev.trainyard.CredentialTransport;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;

/**
 * Where GitHub is and who we are there. Always built explicitly (never from a global), so GitHub
 * Enterprise and WireMock tests work the same way as github.com.
 *
 * @param apiUrl REST API root, e.g. {@code https://api.github.com} or {@code https://ghe.example/api/v3}
 * @param serverUrl web root for links, e.g. {@code https://github.com}
 * @param token a token, or null for anonymous calls; never printed by {@link #toString()}
 * @param repository {@code owner/name} the workflow runs for, or null when unknown
 */
public record GitHubEndpoint(String apiUrl, String serverUrl, String token, RepositorySlug repository) {
  public static final String DEFAULT_API_URL = "https://api.github.com";
  public static final String DEFAULT_SERVER_URL = "https://github.com";

  public GitHubEndpoint {
    apiUrl = withoutTrailingSlash(requireHttpUrl(apiUrl, "apiUrl"));
    serverUrl = withoutTrailingSlash(requireHttpUrl(serverUrl, "serverUrl"));
    token = checkedToken(token, "the GitHub token");
  }

  /**
   * {@code token} as it will be sent (surrounding white space removed; a secret file's final newline
   * is common), or null when blank. A token is one word of printable ASCII: one with a line break or
   * another control character would be cut into a second header line or make the HTTP client fail
   * with the whole value in its message, so it is refused here (INVALID_INPUT, exit 2) with the
   * position of the first bad character and never the value.
   *
   * @param source what the user set, for the message: {@code GITHUB_TOKEN}, {@code --token}
   */
  public static String checkedToken(String token, String source) {
    if (token == null || token.isBlank()) {
      return null;
    }
    String trimmed = token.strip();
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        String what = c == '\n' || c == '\r' ? "a line break"
            : c == ' ' || c == '\t' ? "white space"
            : c < 0x20 || c == 0x7F ? "a control character"
            : "a non-ASCII character";
        throw TrainyardException.invalidInput(
            source + " contains " + what + " at position " + (i + 1) + " of " + trimmed.length()
                + "; a token is one word of printable ASCII characters (the value is not shown)",
            "store the token without line breaks or extra text (e.g. 'gh secret set NAME < token.txt'), then run again");
      }
    }
    return trimmed;
  }

  /** github.com, anonymous, no repository. */
  public static GitHubEndpoint defaults() {
    return new GitHubEndpoint(DEFAULT_API_URL, DEFAULT_SERVER_URL, null, null);
  }

  /**
   * Reads {@code GITHUB_API_URL}, {@code GITHUB_SERVER_URL}, {@code GITHUB_TOKEN} and
   * {@code GITHUB_REPOSITORY} as the Actions runner sets them; missing values fall back to
   * github.com and anonymous access.
   */
  public static GitHubEndpoint fromEnvironment(Map<String, String> env) {
    String api = nonBlank(env.get("GITHUB_API_URL"));
    String server = nonBlank(env.get("GITHUB_SERVER_URL"));
    String repository = nonBlank(env.get("GITHUB_REPOSITORY"));
    return new GitHubEndpoint(
        checkedUrl(api == null ? DEFAULT_API_URL : api, "GITHUB_API_URL"),
        checkedUrl(server == null ? DEFAULT_SERVER_URL : server, "GITHUB_SERVER_URL"),
        checkedToken(env.get("GITHUB_TOKEN"), "GITHUB_TOKEN"),
        repository == null ? null : RepositorySlug.parse(repository, "GITHUB_REPOSITORY"));
  }

  /**
   * Where GitHub is and who we are there, flags over configuration over the runner's variables:
   * a repository flag wins, then {@code github:} in the configuration, then {@code GITHUB_*}, then
   * github.com. A token flag wins over {@code GITHUB_TOKEN}.
   *
   * @param repositoryFlag {@code owner/name} from a flag, or null
   * @param repositoryFlagName the flag's name for error messages
   * @param tokenFlag a token from a flag or input, or null to use {@code GITHUB_TOKEN}
   */
  public static GitHubEndpoint resolve(GitHubConfig config, Map<String, String> env, String repositoryFlag,
      String repositoryFlagName, String tokenFlag) {
    // A token flag replaces GITHUB_TOKEN, which is then neither used nor checked.
    GitHubEndpoint endpoint = fromEnvironment(tokenFlag == null ? env : withoutToken(env));
    GitHubConfig section = config == null ? GitHubConfig.DEFAULTS : config;
    if (section.apiUrl() != null || section.serverUrl() != null) {
      endpoint = new GitHubEndpoint(
          section.apiUrl() != null ? checkedUrl(section.apiUrl(), "github.api-url") : endpoint.apiUrl(),
          section.serverUrl() != null ? checkedUrl(section.serverUrl(), "github.server-url") : endpoint.serverUrl(),
          endpoint.token(), endpoint.repository());
    }
    if (section.repository() != null) {
      endpoint = endpoint.withRepository(RepositorySlug.parse(section.repository(), "github.repository"));
    }
    if (repositoryFlag != null) {
      endpoint = endpoint.withRepository(RepositorySlug.parse(repositoryFlag, repositoryFlagName));
    }
    if (tokenFlag != null) {
      endpoint = endpoint.withToken(checkedToken(tokenFlag, "--token"));
    }
    if (endpoint.hasToken() && !CredentialTransport.allows(endpoint.apiUrl())) {
      String source = section.apiUrl() != null ? "github.api-url" : "GITHUB_API_URL";
      throw TrainyardException.invalidInput(source + " is " + endpoint.apiUrl()
              + ": the GitHub token goes only over HTTPS (plain HTTP only to this machine, e.g. 127.0.0.1)",
          "use https://, or run without a token");
    }
    return endpoint;
  }

  /**
   * As {@link #resolve} without flags and without any token: where GitHub is and which repository,
   * for links. A broken {@code GITHUB_TOKEN} does not matter to a command that never sends it.
   */
  public static GitHubEndpoint resolveLocation(GitHubConfig config, Map<String, String> env) {
    return resolve(config, withoutToken(env), null, null, null);
  }

  private static Map<String, String> withoutToken(Map<String, String> env) {
    Map<String, String> copy = new java.util.HashMap<>(env);
    copy.remove("GITHUB_TOKEN");
    return copy;
  }

  public GitHubEndpoint withToken(String newToken) {
    return new GitHubEndpoint(apiUrl, serverUrl, newToken, repository);
  }

  public GitHubEndpoint withRepository(RepositorySlug newRepository) {
    return new GitHubEndpoint(apiUrl, serverUrl, token, newRepository);
  }

  public GitHubEndpoint withApiUrl(String newApiUrl) {
    return new GitHubEndpoint(newApiUrl, serverUrl, token, repository);
  }

  public boolean hasToken() {
    return token != null;
  }

  /** {@code apiUrl + path}; {@code path} starts with a slash. */
  public URI api(String path) {
    return URI.create(apiUrl + (path.startsWith("/") ? path : "/" + path));
  }

  @Override
  public String toString() {
    return "GitHubEndpoint[apiUrl="
        + apiUrl
        + ", serverUrl="
        + serverUrl
        + ", token="
        + (token == null ? "none" : "***")
        + ", repository="
        + repository
        + "]";
  }

  private static String checkedUrl(String value, String source) {
    try {
      return requireHttpUrl(value, source);
    } catch (TrainyardException e) {
      throw TrainyardException.invalidInput(
          source + " is not an http(s) URL: '" + value + "'",
          "set " + source + " to a URL like https://api.github.com, or unset it");
    }
  }

  private static String requireHttpUrl(String value, String name) {
    Objects.requireNonNull(value, name);
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        throw TrainyardException.invalidInput(name + " must be an absolute http(s) URL: " + value, null);
      }
      return value.trim();
    } catch (URISyntaxException e) {
      throw new TrainyardException(FailureKind.INVALID_INPUT, name + " must be an absolute http(s) URL: " + value, null, e);
    }
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
