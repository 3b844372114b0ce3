package dev.trainyard.cli.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.cli.CliEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionsIOTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private ActionsIO actions(boolean json, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_OUTPUT", dir.resolve("output").toString());
    env.put("GITHUB_STEP_SUMMARY", dir.resolve("summary.md").toString());
    return new ActionsIO(new CliEnvironment(env, dir, new PrintWriter(out, true), new PrintWriter(err, true),
        Clock.systemUTC(), false), json);
  }

  @Test
  void outputsUseARandomDelimiterSoMultiLineValuesSurvive() throws Exception {
    ActionsIO io = actions(false, Map.of());
    io.output("tag", "v1.2.0");
    io.output("changelog", "line one\nname=injected\nline three");

    String file = Files.readString(dir.resolve("output"));
    Pattern block = Pattern.compile("(?s)([a-z]+)<<(ghadelimiter_[0-9a-f]{32})\n(.*?)\n\\2\n");
    Matcher matcher = block.matcher(file);
    Map<String, String> parsed = new HashMap<>();
    int end = 0;
    while (matcher.find()) {
      assertThat(matcher.start()).isEqualTo(end);
      parsed.put(matcher.group(1), matcher.group(3));
      end = matcher.end();
    }
    assertThat(end).isEqualTo(file.length());
    assertThat(parsed).containsExactlyInAnyOrderEntriesOf(
        Map.of("tag", "v1.2.0", "changelog", "line one\nname=injected\nline three"));
  }

  @Test
  void annotationsEscapePercentCarriageReturnAndNewline() {
    ActionsIO io = actions(false, Map.of());
    io.error("50% done\r\nnext line");
    io.annotation("warning", "bad key", new ActionsIO.Location("cfg:a,b.yml", 3, 7));
    assertThat(out.toString().lines().toList()).containsExactly(
        "::error::50%25 done%0D%0Anext line",
        "::warning file=cfg%3Aa%2Cb.yml,line=3,col=7::bad key");
  }

  @Test
  void masksEveryLineOfASecret() {
    actions(false, Map.of()).mask("first\nsecond");
    assertThat(out.toString().lines().toList()).containsExactly("::add-mask::first", "::add-mask::second");
  }

  @Test
  void aSecretMaskedTwiceIsAnnouncedOnce() {
    ActionsIO io = actions(false, Map.of());
    io.mask("ghs_sameToken");
    io.mask("ghs_sameToken\nother line");
    assertThat(out.toString().lines().toList()).containsExactly("::add-mask::ghs_sameToken", "::add-mask::other line");
  }

  @Test
  void workflowCommandsMoveToStderrWhenStdoutCarriesJson() {
    ActionsIO io = actions(true, Map.of());
    io.mask("s3cret");
    try (var group = io.group("Uploading")) {
      io.warning("slow");
    }
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines().toList()).containsExactly(
        "::add-mask::s3cret", "::group::Uploading", "::warning::slow", "::endgroup::");
  }

  @Test
  void summaryAppends() throws Exception {
    ActionsIO io = actions(false, Map.of());
    io.summary("| a |\n|---|");
    io.summary("done\n");
    assertThat(Files.readString(dir.resolve("summary.md"))).isEqualTo("| a |\n|---|\ndone\n");
  }

  @Test
  void outsideActionsNothingIsWrittenButOutputsAreRemembered() {
    ActionsIO io = new ActionsIO(new CliEnvironment(Map.of(), dir, new PrintWriter(out, true),
        new PrintWriter(err, true), Clock.systemUTC(), false), false);
    io.output("tag", "v1");
    io.mask("secret");
    io.error("boom");
    io.summary("x");
    assertThat(out.toString()).isEmpty();
    assertThat(io.outputs()).containsEntry("tag", "v1");
    assertThat(List.of(dir.toFile().list())).isEmpty();
  }
}
