package dev.trainyard.bugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.config.ConfigLoader;
import dev.trainyard.github.GitHubEndpoint;
import dev.trainyard.release.ReleaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy-bug: section and the one place flags meet it. */
class DeployBugConfigTest {
  @TempDir Path dir;

  private static DeployBugConfig parse(String yaml) {
    return new ConfigLoader().parse(yaml, ".trainyard.yml").deployBugOrDefaults();
  }

  private static DeployBugFlags flags(String tracker, String url, String product) {
    return new DeployBugFlags(tracker, null, null, false, false, url, product, null, null, null);
  }

  @Test
  void everyKeyIsReadAndFlagsWin() {
    DeployBugConfig config = parse("""
        deploy-bug:
          tracker: github
          bugzilla-url: https://bugzilla.example.com/rest/
          product: Web Services
          component: Deployments
          version: "2026"
          type: ""
          severity: S3
          cc: [ops@example.com]
          labels: [deploy, ops]
          repository: acme/ops
          closed-bug: comment
          markdown: false
          qa-labels: [needs qa]
          deploy-notes: docs/deploy.md
          migrations: ["db/**"]
          release-owner: Jane Doe
        """);
    DeployBugRequest request = DeployBugRequest.resolve(config, flags(null, null, null), ReleaseConfig.DEFAULTS, dir,
        "key", GitHubEndpoint.defaults());
    assertThat(request.tracker()).isEqualTo(TrackerKind.GITHUB);
    assertThat(request.issues().toString()).isEqualTo("acme/ops");
    assertThat(request.labels()).containsExactly("deploy", "ops");
    assertThat(request.closedBug()).isEqualTo(ClosedBugPolicy.COMMENT);
    assertThat(request.bugzilla().baseUrl()).isEqualTo("https://bugzilla.example.com");
    assertThat(request.bugzilla().type()).isNull();
    assertThat(request.bugzilla().markdown()).isFalse();
    assertThat(request.bugzilla().toString()).doesNotContain("key=key").contains("apiKey=***");
    assertThat(request.text().qaLabels()).containsExactly("needs qa");
    assertThat(RequestModelBuilder.labelQuery("needs qa")).isEqualTo("label%3A%22needs+qa%22");

    DeployBugRequest flagged = DeployBugRequest.resolve(config, flags("bugzilla", "http://localhost:8080/", "Other"),
        ReleaseConfig.DEFAULTS, dir, null, GitHubEndpoint.defaults());
    assertThat(flagged.tracker()).isEqualTo(TrackerKind.BUGZILLA);
    assertThat(flagged.bugzilla().baseUrl()).isEqualTo("http://localhost:8080");
    assertThat(flagged.bugzilla().product()).isEqualTo("Other");
  }

  @Test
  void theApiKeyGoesOverPlainHttpOnlyToThisMachine() {
    DeployBugConfig config = parse("deploy-bug:\n  bugzilla-url: http://bugzilla.example.com\n");

    assertThatThrownBy(() -> DeployBugRequest.resolve(config, flags(null, null, null), ReleaseConfig.DEFAULTS, dir,
        "bzApiKeyProbe0123456789", GitHubEndpoint.defaults()))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT))
        .hasMessage("deploy-bug.bugzilla-url is http://bugzilla.example.com: the Bugzilla API key goes only over HTTPS"
            + " (plain HTTP only to this machine, e.g. 127.0.0.1)");
    assertThatThrownBy(() -> DeployBugRequest.resolve(DeployBugConfig.DEFAULTS,
        flags(null, "http://10.0.0.7/bugzilla", null), ReleaseConfig.DEFAULTS, dir, "bzApiKeyProbe0123456789",
        GitHubEndpoint.defaults()))
        .hasMessageStartingWith("--bugzilla-url is http://10.0.0.7/bugzilla: ");
    // Without a key (a dry run), and to this machine, plain HTTP is fine.
    assertThat(DeployBugRequest.resolve(config, flags(null, null, null), ReleaseConfig.DEFAULTS, dir, null,
        GitHubEndpoint.defaults()).bugzilla().baseUrl()).isEqualTo("http://bugzilla.example.com");
    assertThat(DeployBugRequest.resolve(DeployBugConfig.DEFAULTS, flags(null, "http://127.0.0.1:8080", null),
        ReleaseConfig.DEFAULTS, dir, "bzApiKeyProbe0123456789", GitHubEndpoint.defaults()).bugzilla().baseUrl())
        .isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void theDefaultsNeedNoFile() {
    DeployBugRequest request = DeployBugRequest.resolve(DeployBugConfig.DEFAULTS, flags(null, null, null),
        ReleaseConfig.DEFAULTS, dir, null, GitHubEndpoint.defaults());
    assertThat(request.tracker()).isEqualTo(TrackerKind.BUGZILLA);
    assertThat(request.bugzilla().baseUrl()).isEqualTo("https://bugzilla.mozilla.org");
    assertThat(request.bugzilla().product()).isEqualTo("Cloud Services");
    assertThat(request.bugzilla().component()).isEqualTo("Operations: Deployment Requests");
    assertThat(request.bugzilla().type()).isEqualTo("task");
    assertThat(request.env()).isEqualTo(TargetEnvironment.STAGE);
    assertThat(request.closedBug()).isEqualTo(ClosedBugPolicy.REFUSE);
  }

  @Test
  void badValuesNameTheKeyOrFlag() {
    assertThatThrownBy(() -> parse("deploy-bug:\n  trackr: github\n"))
        .hasMessageContaining(".trainyard.yml:2:3: unknown key 'trackr' under 'deploy-bug'")
        .satisfies(e -> assertThat(((TrainyardException) e).hint()).startsWith("did you mean 'tracker'?"));
    // no key in the file: a key written there is refused like any unknown key, and its value is never echoed
    assertThatThrownBy(() -> parse("deploy-bug:\n  api-key: bmo-secret-in-the-file\n"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.getMessage()).contains("unknown key 'api-key' under 'deploy-bug'")
              .doesNotContain("bmo-secret-in-the-file");
          assertThat(String.valueOf(e.hint())).doesNotContain("bmo-secret-in-the-file");
        });
    assertThatThrownBy(() -> parse("deploy-bug:\n  closed-bug: ignore\n"))
        .hasMessageContaining("'deploy-bug.closed-bug' must be one of");
    assertThatThrownBy(() -> parse("deploy-bug:\n  bugzilla-url: ftp://bugs\n"))
        .hasMessageContaining("deploy-bug.bugzilla-url: 'ftp://bugs' is not an http(s) URL");
    assertThatThrownBy(() -> parse("deploy-bug:\n  bugzilla-url: https://me:secret@bugs.example.com\n"))
        .hasMessageContaining("must not carry credentials").hasMessageNotContaining("secret");
    assertThatThrownBy(() -> DeployBugRequest.resolve(DeployBugConfig.DEFAULTS,
        new DeployBugFlags("jira", null, null, false, false, null, null, null, null, null), ReleaseConfig.DEFAULTS,
        dir, null, GitHubEndpoint.defaults()))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).isEqualTo("--tracker: 'jira' is not a tracker");
        });
    assertThatThrownBy(() -> DeployBugRequest.resolve(DeployBugConfig.DEFAULTS,
        new DeployBugFlags(null, null, "production", true, false, null, null, null, null, null),
        ReleaseConfig.DEFAULTS, dir, null, GitHubEndpoint.defaults()))
        .hasMessage("--qa asks for QA on stage and cannot be combined with --env production");
    assertThatThrownBy(() -> DeployBugRequest.resolve(DeployBugConfig.DEFAULTS,
        new DeployBugFlags("github", null, null, false, false, null, null, null, null, null),
        ReleaseConfig.DEFAULTS, dir, null, GitHubEndpoint.defaults()))
        .hasMessageContaining("--tracker github needs the repository");
  }

  @Test
  void aConfiguredTemplateIsReadFromInsideTheRepositoryAndCheckedThere() throws Exception {
    Files.createDirectories(dir.resolve(".github"));
    Files.writeString(dir.resolve(".github/request.md"), "Deploy {{product}} {{tga}}\n");
    assertThatThrownBy(() -> DeployBugRequest.resolve(parse("deploy-bug:\n  template: .github/request.md\n"),
        flags(null, null, null), ReleaseConfig.DEFAULTS, dir, null, GitHubEndpoint.defaults()))
        .hasMessage(".github/request.md:1:20: unknown name 'tga'");
    assertThatThrownBy(() -> DeployBugRequest.resolve(parse("deploy-bug:\n  template: ../outside.md\n"),
        flags(null, null, null), ReleaseConfig.DEFAULTS, dir, null, GitHubEndpoint.defaults()))
        .hasMessageContaining("must be a path inside the repository");
  }
}
