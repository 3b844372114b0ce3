package dev.trainyard.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.cli.CliRunner;
import dev.trainyard.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every numeric and enumerated flag of every command, given a value out of its range: exit 2 and
 * one error line that names the flag, never an internal error. Each is refused before any remote
 * call, so no server is needed.
 */
class FlagValuesTest {
  @TempDir Path repo;

  @BeforeEach
  void repository() throws Exception {
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.writeString(repo.resolve("README.md"), "hello\n");
      git.add().addFilepattern("README.md").call();
      PersonIdent someone = new PersonIdent("Someone", "someone@example.com");
      git.commit().setMessage("feat: first").setAuthor(someone).setCommitter(someone).setSign(false).call();
    }
  }

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        refused("--scheme", "cut", "--dry-run", "--scheme", "weekly"),
        refused("--date", "cut", "--dry-run", "--scheme", "date", "--date", "2026-13-45"),
        refused("--date", "cut", "--dry-run", "--scheme", "train", "--date", "2026-11-26"),
        refused("--repos", "cut", "--dry-run", "--repos", "o/server,o/frontend"),
        refused("--repos", "cut", "--dry-run", "--scheme", "date", "--repos", "o/server/extra"),
        refused("--private", "cut", "--private", "--dry-run"),
        refused("--scheme", "next-version", "--scheme", "calver"),
        refused("--date", "next-version", "--scheme", "date", "--date", "next thursday"),
        refused("--format", "changelog", "--from", "HEAD", "--format", "markdown"),
        refused("--link-style", "changelog", "--from", "HEAD", "--format", "clog", "--link-style", "bitbucket"),
        refused("--release-commits", "changelog", "--from", "HEAD", "--format", "clog", "--release-commits", "some"),
        refused("--repository", "changelog", "--from", "HEAD", "--format", "clog", "--repository", "not a url"),
        refused("--repository", "changelog", "--from", "HEAD", "--format", "clog", "--repository", "github.com/o/r"),
        refused("--from", "changelog", "--format", "clog"),
        refused("--wait", "verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1", "--wait", "soon"),
        refused("--interval", "verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1", "--interval", "0"),
        refused("--interval", "verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1", "--interval", "-5s"),
        refused("--discovery-grace", "verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1", "--discovery-grace", "forever"),
        refused("--required", "verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1", "--required", "always"),
        refused("--rerun-failed", "verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1", "--rerun-failed", "-1"),
        refused("--rerun-failed", "verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1", "--rerun-failed", "twice"),
        refused("--passing-conclusions", "verify-ci", "--repo-slug", "acme/widgets", "--ref", "v1",
            "--passing-conclusions", "success,green"),
        refused("--open-pr", "cut", "--open-pr"),
        refused("--open-pr", "cut", "--scheme", "date", "--push", "--open-pr"),
        refused("--pr", "publish-release", "--repo-slug", "acme/widgets", "--token", "t", "--version", "v1", "--pr", "0"),
        refused("--pr", "publish-release", "--repo-slug", "acme/widgets", "--token", "t", "--version", "v1", "--pr", "#12"),
        refused("--horizon-days", "merge-back", "--horizon-days", "-1"),
        refused("--horizon-days", "merge-back", "--horizon-days", "half a year"),
        refused("--horizon-refs", "merge-back", "--horizon-refs", "-3"),
        refused("--stale-after", "merge-back", "--stale-after", "soon"),
        refused("--stale-after", "merge-back", "--stale-after", "P-7D"),
        refused("--concurrency", "upload-assets", "--target", "s3://bucket/x", "--concurrency", "0"),
        refused("--concurrency", "upload-assets", "--target", "s3://bucket/x", "--concurrency", "257"),
        refused("--concurrency", "upload-assets", "--target", "s3://bucket/x", "--concurrency", "many"),
        refused("--max-delete-share", "upload-assets", "--target", "s3://bucket/x", "--max-delete-share", "2"),
        refused("--max-delete-share", "upload-assets", "--target", "s3://bucket/x", "--max-delete-share", "-0.1"),
        refused("--max-delete-share", "upload-assets", "--target", "s3://bucket/x", "--max-delete-share", "NaN"),
        refused("--shard", "upload-assets", "--target", "s3://bucket/x", "--shard", "0/4"),
        refused("--shard", "upload-assets", "--target", "s3://bucket/x", "--shard", "5/4"),
        refused("--shard", "upload-assets", "--target", "s3://bucket/x", "--shard", "2"),
        refused("--shard", "upload-assets", "--target", "s3://bucket/x", "--shard", "1/1025"),
        refused("--tracker", "deploy-bug", "--dry-run", "--tracker", "jira"),
        refused("--env", "deploy-bug", "--dry-run", "--env", "qa"),
        refused("--qa", "deploy-bug", "--dry-run", "--qa", "--env", "production"),
        refused("--closed-bug", "deploy-bug", "--dry-run", "--closed-bug", "ignore"),
        refused("--bugzilla-url", "deploy-bug", "--dry-run", "--bugzilla-url", "ftp://bugs.example.com"),
        refused("--bugzilla-url", "deploy-bug", "--dry-run", "--bugzilla-url", "https://user:pw@bugs.example.com"),
        refused("--product", "deploy-bug", "--dry-run", "--product", " "),
        refused("--component", "deploy-bug", "--dry-run", "--component", ""),
        refused("--template", "deploy-bug", "--dry-run", "--template", "no-such-template.mustache"),
        refused("--version", "deploy-bug", "--dry-run", "--version", "v9.9.9"),
        refused("--env", "deploy-order", "--env", "qa"),
        refused("--env", "deploy-order"),
        refused("--env", "verify-deploy", "--env", "prodution", "--version", "v1"),
        refused("--interval", "verify-deploy", "--env", "stage", "--version", "v1", "--interval", "0"),
        refused("--interval", "verify-deploy", "--env", "stage", "--version", "v1", "--interval", "2h"),
        refused("--interval", "verify-deploy", "--env", "stage", "--version", "v1", "--interval", "often"),
        refused("--timeout", "verify-deploy", "--env", "stage", "--version", "v1", "--timeout", "25h"),
        refused("--timeout", "verify-deploy", "--env", "stage", "--version", "v1", "--timeout", "-5m"),
        refused("--timeout", "verify-deploy", "--env", "stage", "--version", "v1", "--timeout", "9999999999999999999h"),
        refused("--timeout", "verify-deploy", "--env", "stage", "--version", "v1", "--timeout", "9223372036854775807h"),
        refused("--interval", "verify-deploy", "--env", "stage", "--version", "v1", "--interval", "PT99999999999999999H"),
        refused("--commit", "verify-deploy", "--env", "stage", "--version", "v1", "--commit", "HEAD"),
        refused("--compare", "verify-deploy", "--compare", "stage"),
        refused("--compare", "verify-deploy", "--compare", "stage,qa"),
        refused("--compare", "verify-deploy", "--compare", "production,production"),
        refused("--scheme", "preflight", "--scheme", "weekly"),
        refused("--date", "preflight", "--date", "2026-02-30"),
        refused("--only", "preflight", "--only", "clean-tree,lint"),
        refused("--skip", "preflight", "--skip", "everything"),
        refused("--date", "owner", "--date", "tomorrow"),
        refused("--date", "rehearse", "--example", "--date", "2026-9-8"),
        // --repo-slug is one flag (GitHubOptions) on every command that calls GitHub.
        refused("--repo-slug", "verify-ci", "--repo-slug", "widgets", "--ref", "v1"),
        refused("--repo-slug", "publish-release", "--repo-slug", "acme/widgets/extra", "--version", "v1"),
        refused("--repo-slug", "deploy-bug", "--dry-run", "--repo-slug", "acme/"),
        refused("--repo-slug", "merge-back", "--repo-slug", "acme widgets"),
        refused("--repo-slug", "preflight", "--repo-slug", "/widgets"),
        refused("--repo-slug", "rehearse", "--repo-slug", "widgets"));
  }

  private static Arguments refused(String flag, String... args) {
    return Arguments.of(flag, List.of(args));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("outOfRange")
  void outOfRangeValueIsAUsageErrorNamingTheFlag(String flag, List<String> args) {
    CliRunner.Result result = new CliRunner(repo).run(args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    List<String> errors = result.err().lines().filter(line -> line.contains("error:")).toList();
    assertThat(errors).as(result.toString()).singleElement().satisfies(line -> {
      assertThat(line).startsWith("trainyard: error: ").contains(flag);
    });
    assertThat(result.err()).as(result.toString()).doesNotContain("internal error").doesNotContain("Exception");
  }

  static Stream<Arguments> outOfRangeConfig() {
    return Stream.of(
        Arguments.of("upload-assets", "assets:\n  target: s3://bucket\n  concurrency: 0\n", "assets.concurrency"),
        Arguments.of("upload-assets", "assets:\n  target: s3://bucket\n  max-delete-share: 1.5\n", "assets.max-delete-share"),
        Arguments.of("verify-ci", "verify-ci:\n  rerun-failed: -1\n", "verify-ci.rerun-failed"),
        Arguments.of("verify-ci", "verify-ci:\n  passing-conclusions: [green]\n", "verify-ci.passing-conclusions"),
        Arguments.of("verify-ci", "verify-ci:\n  required-checks: sometimes\n", "verify-ci.required-checks"),
        Arguments.of("merge-back", "merge-back:\n  horizon-days: -1\n", "merge-back.horizon-days"),
        Arguments.of("next-version", "release:\n  push-day: someday\n", "release.push-day"),
        Arguments.of("next-version", "release:\n  changelog-release-commits: sometimes\n", "changelog-release-commits"),
        Arguments.of("next-version", "release:\n  private-remote: ''\n", "release.private-remote"),
        Arguments.of("next-version", "release:\n  packages:\n    - path: web\n      changelog: ../CHANGELOG.md\n", "changelog"),
        Arguments.of("verify-ci", "github:\n  api-url: not a url\n", "github.api-url"),
        Arguments.of("deploy-bug", "deploy-bug:\n  tracker: jira\n", "deploy-bug.tracker"),
        Arguments.of("deploy-bug", "deploy-bug:\n  closed-bug: ignore\n", "deploy-bug.closed-bug"),
        Arguments.of("deploy-bug", "deploy-bug:\n  bugzilla-url: bugs.example.com\n", "deploy-bug.bugzilla-url"),
        Arguments.of("deploy-bug", "deploy-bug:\n  migrations: [\"db/[\"]\n", "deploy-bug.migrations"),
        Arguments.of("deploy-bug", "deploy-bug:\n  template: ../../etc/passwd\n", "deploy-bug.template"),
        Arguments.of("deploy-order", "deploy:\n  environments:\n    stage: {max-parallel: 0}\n", "max-parallel"),
        Arguments.of("deploy-order", "deploy:\n  environments:\n    stage: {policy: random}\n", "deploy.environments.stage.policy"),
        Arguments.of("deploy-order", "deploy:\n  environments:\n    stage: {failure: halt}\n", "deploy.environments.stage.failure"),
        Arguments.of("deploy-order", "deploy:\n  services:\n    - {name: a, touches-database: maybe}\n", "touches-database"),
        Arguments.of("verify-deploy", "deploy:\n  services:\n    - {name: a, version-url: {stage: ftp://x/v}}\n",
            "deploy.services.a.version-url.stage"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("outOfRangeConfig")
  void outOfRangeConfigValueIsAUsageErrorNamingTheKey(String command, String yaml, String key) throws Exception {
    Files.writeString(repo.resolve(".trainyard.yml"), yaml);

    CliRunner.Result result = new CliRunner(repo).run(command);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err().lines().filter(line -> line.contains("error:")).toList()).as(result.toString())
        .singleElement().satisfies(line -> assertThat(line).contains(key));
    assertThat(result.err()).as(result.toString()).doesNotContain("internal error");
  }
}
