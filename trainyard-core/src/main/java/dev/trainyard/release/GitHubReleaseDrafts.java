package dev.trainyard.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.github.GitHubClients;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.kohsuke.github.GHRelease;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;

/**
 * Drafts GitHub releases through github-api on the shared retrying client ({@link GitHubClients}),
 * which retries reads on 5xx/429/resets and honours Retry-After and rate-limit headers.
 *
 * <p>Creating a release is a POST, which the shared client does not repeat after a 5xx (the server
 * may have acted). Here a repeat is safe because of the look-up first: after a failed create the
 * releases are listed again, and only when the tag still has no release is the create sent again.
 * So the draft exists exactly once, whatever failed.
 */
public final class GitHubReleaseDrafts implements ReleaseDrafts {
  private static final int CREATE_ATTEMPTS = 3;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final GitHub gitHub;
  private final String repository;
  private final Reporter reporter;

  public GitHubReleaseDrafts(GitHub gitHub, String repository, Reporter reporter) {
    this.gitHub = Objects.requireNonNull(gitHub, "gitHub");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /** Drafts in {@code clients}' repository; a clear error when the token or repository is missing. */
  public static GitHubReleaseDrafts of(GitHubClients clients, Reporter reporter) {
    if (!clients.endpoint().hasToken()) {
      throw TrainyardException.invalidInput("--github-release needs a token: GITHUB_TOKEN is not set",
          "in a workflow add 'env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}' and 'permissions: contents: write'");
    }
    if (clients.endpoint().repository() == null) {
      throw TrainyardException.invalidInput("--github-release needs the repository: GITHUB_REPOSITORY is not set",
          "set github.repository in .trainyard.yml or GITHUB_REPOSITORY=owner/name");
    }
    var slug = clients.endpoint().repository();
    return new GitHubReleaseDrafts(clients.gitHub(), slug.owner() + "/" + slug.name(), reporter);
  }

  @Override
  public String draft(String tag, String name, String body, boolean prerelease) {
    GHRepository repo = call("read repository " + repository, () -> gitHub.getRepository(repository));
    for (int attempt = 1; ; attempt++) {
      GHRelease existing = call("list releases of " + repository, () -> find(repo, tag));
      if (existing != null) {
        if (attempt == 1) {
          reporter.info("a GitHub release for " + tag + " already exists; left as it is");
        }
        return existing.getHtmlUrl().toString();
      }
      try {
        GHRelease created = call("create release " + tag + " in " + repository, () -> repo.createRelease(tag)
            .name(name).body(body == null ? "" : body).draft(true).prerelease(prerelease).create());
        return created.getHtmlUrl().toString();
      } catch (TrainyardException e) {
        if (attempt >= CREATE_ATTEMPTS || !serverSide(e)) {
          throw e;
        }
        reporter.warn(e.getMessage() + "; checking whether the draft was made before trying again");
      }
    }
  }

  private static GHRelease find(GHRepository repo, String tag) throws IOException {
    try {
      for (GHRelease release : repo.listReleases().withPageSize(100)) {
        if (tag.equals(release.getTagName())) {
          return release;
        }
      }
      return null;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static boolean serverSide(TrainyardException e) {
    return e.getCause() instanceof HttpException http ? http.getResponseCode() >= 500
        : e.kind() == FailureKind.REMOTE;
  }

  /** GitHub's own {@code message} from an error body, as {@code " (message)"}, or "". */
  private static String gitHubMessage(HttpException e) {
    String body = e.getMessage();
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      String message = MAPPER.readTree(body).path("message").asText("");
      return message.isBlank() ? "" : " (" + oneLine(message) + ")";
    } catch (IOException notJson) {
      return "";
    }
  }

  private static String reason(Throwable cause) {
    if (cause == null || cause.getMessage() == null) {
      return "";
    }
    return ": " + oneLine(cause.getMessage());
  }

  private static String oneLine(String text) {
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }

  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T call(String what, Call<T> call) {
    try {
      return call.run();
    } catch (TrainyardException e) {
      throw e;
    } catch (HttpException e) {
      int status = e.getResponseCode();
      if (status >= 200 && status < 300) {
        // github-api reports an answer it could not read as an HttpException with the 2xx status.
        throw TrainyardException.remote("GitHub API: " + what + " failed: the answer (HTTP " + status
                + ") is not the JSON GitHub sends" + reason(e.getCause()),
            "a proxy or GitHub itself sent a broken body; check GITHUB_API_URL and run again (a release that was made"
                + " is found, not made twice)", e);
      }
      String hint = status == 401 || status == 403 ? "check that GITHUB_TOKEN is valid and allows 'contents: write'"
          : status == 404 ? "check the repository name (" + repository + ") and the token's access to it"
          : status == 422 ? "GitHub refused the release; is the tag pushed? (use --push, or push the tag first)" : null;
      throw TrainyardException.remote("GitHub API: " + what + " failed: HTTP " + status + gitHubMessage(e), hint, e);
    } catch (IOException | RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && !(root instanceof TrainyardException)) {
        root = root.getCause();
      }
      if (root instanceof TrainyardException te) {
        throw te;
      }
      throw TrainyardException.remote("GitHub API: " + what + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")), null, e);
    }
  }
}
