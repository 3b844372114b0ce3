package dev.trainyard.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.config.ConfigLoader;
import dev.trainyard.config.TrainyardConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifyCiConfigTest {

  @Test
  void readsTheSectionFromYaml() {
    TrainyardConfig config = new ConfigLoader().parse(
        "verify-ci:\n"
            + "  required: [\"build (*)\"]\n"
            + "  ignore: [\"docs *\"]\n"
            + "  passing-conclusions: [success]\n"
            + "  discovery-grace: 90s\n"
            + "  max-wait: 1h30m\n"
            + "  interval: PT20S\n"
            + "  rerun-failed: 1\n",
        ".trainyard.yml");

    VerifyCiConfig section = config.verifyCiOrDefaults();
    assertThat(section.required()).containsExactly("build (*)");
    assertThat(section.ignore()).containsExactly("docs *");
    assertThat(section.passingConclusions()).containsExactly("success");
    assertThat(section.discoveryGraceOrDefault()).isEqualTo(Duration.ofSeconds(90));
    assertThat(section.maxWaitOrDefault()).isEqualTo(Duration.ofMinutes(90));
    assertThat(section.intervalOrDefault()).isEqualTo(Duration.ofSeconds(20));
    assertThat(section.rerunFailedOrDefault()).isEqualTo(1);
  }

  @Test
  void aBadDurationNamesTheFileLineAndKey() {
    assertThatThrownBy(() -> new ConfigLoader().parse("verify-ci:\n  max-wait: soon\n", ".trainyard.yml"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT))
        .hasMessageStartingWith(".trainyard.yml:")
        .hasMessageContaining("max-wait must be a duration like 30s, 10m, 1h30m or PT10M, got 'soon'");
  }

  @Test
  void absentSectionMeansDefaults() {
    VerifyCiConfig section = TrainyardConfig.defaults().verifyCiOrDefaults();
    assertThat(section.maxWaitOrDefault()).isZero();
    assertThat(section.intervalOrDefault()).isEqualTo(Duration.ofSeconds(30));
    assertThat(section.discoveryGraceOrDefault()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void durationsAsPeopleWriteThem() {
    assertThat(DurationText.parse("45", "x")).isEqualTo(Duration.ofSeconds(45));
    assertThat(DurationText.parse("2m", "x")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationText.parse("1h5m10s", "x")).isEqualTo(Duration.ofSeconds(3910));
    assertThat(DurationText.parse("pt10m", "x")).isEqualTo(Duration.ofMinutes(10));
    assertThatThrownBy(() -> DurationText.parse("10 minutes", "--wait")).hasMessageStartingWith("--wait must be a duration");
    assertThatThrownBy(() -> DurationText.parse("", "--wait")).hasMessageStartingWith("--wait must be a duration");
  }

  @Test
  void policyGlobsAndConclusions() {
    assertThat(CiPolicy.matches("build (*)", "build (ubuntu-latest, 17)")).isTrue();
    assertThat(CiPolicy.matches("build (*)", "build")).isFalse();
    assertThat(CiPolicy.matches("ci/circleci: *", "ci/circleci: test")).isTrue();
    assertThat(CiPolicy.matches("e2e-?", "e2e-1")).isTrue();
    assertThat(CiPolicy.matches("a.b", "axb")).as("dots are literal").isFalse();
    assertThat(CiPolicy.matches("Build", "build")).as("case-sensitive").isFalse();
    assertThatThrownBy(() -> new CiPolicy(List.of(), List.of(), Set.of("green"), Duration.ZERO))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT))
        .hasMessage("passing conclusion 'green' is not a GitHub check conclusion");
  }
}
