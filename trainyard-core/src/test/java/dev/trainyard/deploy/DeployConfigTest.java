package dev.trainyard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.config.ConfigLoader;
import dev.trainyard.config.TrainyardConfig;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code deploy:} section as users write it, and the one-line errors for what they get wrong. */
class DeployConfigTest {
  private static DeployConfig parse(String yaml) {
    return new ConfigLoader().parse(yaml, ".trainyard.yml").deployOrDefaults();
  }

  private static TrainyardException error(String yaml) {
    try {
      parse(yaml);
    } catch (TrainyardException e) {
      assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
      return e;
    }
    throw new AssertionError("accepted: " + yaml);
  }

  @Test
  void theIssuesExampleParsesWithTheHeartbeatBesideTheVersionUrl() {
    DeployConfig config = parse("""
        deploy:
          services:
            - name: auth-server
              paths: [packages/auth-server/**]
              touches-database: true          # or auto (migration globs), default false
              version-url:                    # per environment; /__heartbeat__ is found beside it
                production: https://accounts.example.com/__version__
                stage: https://accounts.stage.example.com/__version__
            - name: event-broker
              paths: [packages/event-broker/**]
              after: [profile-server]         # a hard edge: ranks never break it
            - name: profile-server
              paths: [packages/profile-server/**]
              touches-database: auto
              heartbeat-url:
                stage: https://profile.stage.example.com/health
              version-url:
                stage: https://profile.stage.example.com/v1/__version__
        """);
    List<DeployService> services = DeployService.resolve(config, DeployDefaults.none(), null);
    DeployService auth = services.get(0);
    assertThat(auth.databaseUse()).isEqualTo(DatabaseUse.TRUE);
    assertThat(auth.versionUrl("production")).contains(URI.create("https://accounts.example.com/__version__"));
    assertThat(auth.heartbeatUrl("stage")).contains(URI.create("https://accounts.stage.example.com/__heartbeat__"));
    assertThat(services.get(1).databaseUse()).isEqualTo(DatabaseUse.FALSE);
    assertThat(services.get(1).after()).containsExactly("profile-server");
    assertThat(services.get(2).databaseUse()).isEqualTo(DatabaseUse.AUTO);
    assertThat(services.get(2).heartbeatUrl("stage")).contains(URI.create("https://profile.stage.example.com/health"));
    assertThat(config.first()).containsExactly("*auth*");
    assertThat(config.last()).containsExactly("*content*");
  }

  @Test
  void environmentsMergeOverTheDefaults() {
    DeployConfig config = parse("""
        deploy:
          environments:
            stage: {failure: stop}
            dev: {}
            canary: {policy: custom, ranks: ["*auth*", ["*a*", "*b*"]], max-parallel: 2}
        """);
    DeployEnvironment stage = DeployEnvironment.of(config, "stage", "--env");
    assertThat(stage.policy()).isEqualTo(OrderPolicy.STAGE);
    assertThat(stage.failure()).isEqualTo(FailurePolicy.STOP);
    DeployEnvironment production = DeployEnvironment.of(config, "production", "--env");
    assertThat(production.policy()).isEqualTo(OrderPolicy.PRODUCTION);
    assertThat(production.failure()).isEqualTo(FailurePolicy.STOP);
    assertThat(production.maxParallel()).isEqualTo(1);
    DeployEnvironment dev = DeployEnvironment.of(config, "dev", "--env");
    assertThat(dev.policy()).isEqualTo(OrderPolicy.STAGE);
    assertThat(dev.failure()).isEqualTo(FailurePolicy.CONTINUE);
    assertThat(dev.maxParallel()).isNull();
    DeployEnvironment canary = DeployEnvironment.of(config, "canary", "--env");
    assertThat(canary.ranks()).containsExactly(List.of("*auth*"), List.of("*a*", "*b*"));
    assertThat(canary.maxParallel()).isEqualTo(2);
  }

  @Test
  void touchesDatabaseTakesTrueFalseOrAutoAndNothingElse() {
    TrainyardException e = error("""
        deploy:
          services:
            - name: auth-server
              touches-database: sometimes
        """);
    assertThat(e.getMessage()).startsWith(".trainyard.yml:").contains("touches-database must be true, false or auto");
    assertThat(parse("""
        deploy:
          services:
            - name: a
              migrations: [db/**]
        """).services().get(0).databaseUse()).as("migrations alone mean auto").isEqualTo(DatabaseUse.AUTO);
  }

  @Test
  void aUrlForAnUnknownEnvironmentGetsADidYouMean() {
    TrainyardException e = error("""
        deploy:
          services:
            - name: auth-server
              version-url:
                prod: https://accounts.example.com/__version__
        """);
    assertThat(e.getMessage()).endsWith("service 'auth-server' has a URL for environment 'prod', which is not an environment");
    assertThat(e.getMessage()).startsWith(".trainyard.yml:1:1: invalid value for 'deploy'");
    assertThat(e.hint()).isEqualTo("did you mean 'production'? (known: production, stage); declare more under deploy.environments");
  }

  @Test
  void versionUrlsMustBeHttp() {
    assertThat(error("""
        deploy:
          services:
            - name: auth-server
              version-url:
                stage: file:///etc/passwd
        """).getMessage()).contains("deploy.services.auth-server.version-url.stage: 'file:///etc/passwd' must be an http:// or https:// URL");
    assertThat(error("""
        deploy:
          services:
            - name: auth-server
              version-url: {stage: "https://"}
        """).getMessage()).contains("version-url.stage");
  }

  @Test
  void cyclesUnknownAfterNamesAndDuplicatesAreRefusedWhenTheFileIsRead() {
    assertThat(error("""
        deploy:
          services:
            - {name: a, after: [b]}
            - {name: b, after: [c]}
            - {name: c, after: [a]}
        """).getMessage()).contains("the after: edges form a cycle: a -> b -> c -> a");
    TrainyardException unknown = error("""
        deploy:
          services:
            - {name: profile-server}
            - {name: event-broker, after: [profile-sevrer]}
        """);
    assertThat(unknown.getMessage()).contains("has after: 'profile-sevrer', which is not a service");
    assertThat(unknown.hint()).startsWith("did you mean 'profile-server'?");
    assertThat(error("""
        deploy:
          services:
            - {name: a}
            - {name: a}
        """).getMessage()).contains("service 'a' is listed twice");
    assertThat(error("""
        deploy:
          services:
            - {name: "auth server"}
        """).getMessage()).contains("'auth server' is not a valid name");
  }

  @Test
  void environmentSettingsAreChecked() {
    assertThat(error("deploy: {environments: {stage: {ranks: [a]}}}").getMessage())
        .contains("ranks only apply with policy: custom");
    assertThat(error("deploy: {environments: {canary: {policy: custom}}}").getMessage())
        .contains("policy custom needs ranks");
    assertThat(error("deploy: {environments: {stage: {max-parallel: 0}}}").getMessage())
        .contains("max-parallel must be 1 or more, got 0");
    assertThat(error("deploy: {environments: {stage: {failure: halt}}}").getMessage())
        .contains("'deploy.environments.stage.failure' must be one of stop, continue");
    assertThat(error("deploy: {environments: {stage: {authorization-env: GITHUB_TOKEN}}}").getMessage())
        .contains("authorization-env must not be GITHUB_TOKEN");
    assertThat(error("deploy: {servics: []}").hint()).startsWith("did you mean 'services'?");
  }

  @Test
  void theDefaultsNeedNoSection() {
    TrainyardConfig config = TrainyardConfig.defaults();
    assertThat(config.deployOrDefaults().services()).isNull();
    assertThat(DeployService.resolve(config.deployOrDefaults(), config.deployDefaults("yard"), null))
        .extracting(DeployService::name).containsExactly("yard");
  }
}
