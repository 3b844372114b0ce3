package dev.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads the example workflows as GitHub runs them. A push (or a published release) made with the
 * workflow's own GITHUB_TOKEN starts no other workflow, so an example that pushes tags (or publishes
 * a release) with that token, and does not hand over to the next workflow itself (a reusable
 * workflow it calls, or a workflow_dispatch / repository_dispatch it sends), leaves release.yml (or
 * an 'on: release' deployment) never running.
 */
class ExampleWorkflowsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern TRAINYARD = Pattern.compile("^(trainyard-dev/trainyard@.*|\\./?|docker://.*/trainyard(:.*)?)$");
  private static final Pattern DEFAULT_TOKEN =
      Pattern.compile("^\\$\\{\\{\\s*(github\\.token|secrets\\.GITHUB_TOKEN)\\s*}}$");
  private static final Pattern FALSE = Pattern.compile("^(false|\\$\\{\\{\\s*false\\s*}}|)$");
  private static final Pattern DISPATCH =
      Pattern.compile("gh workflow run|/dispatches\\b|repository-dispatch|workflow-dispatch");

  static Path examples() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("examples/workflows");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("examples/workflows not found above " + Path.of("").toAbsolutePath());
  }

  static Map<String, String> exampleTexts() throws IOException {
    Map<String, String> texts = new TreeMap<>();
    try (Stream<Path> files = Files.list(examples())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).toList()) {
        texts.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    return texts;
  }

  @Test
  void noExampleWorkflowPushesTagsWithTheWorkflowTokenWithoutHandingOver() throws IOException {
    Map<String, String> texts = exampleTexts();
    List<String> problems = new ArrayList<>();
    int pushing = 0;
    for (Map.Entry<String, String> example : texts.entrySet()) {
      Analysis analysis = analyse(example.getKey(), example.getValue());
      problems.addAll(analysis.problems());
      pushing += analysis.pushingSteps();
    }

    assertThat(problems).isEmpty();
    assertThat(pushing).as("steps that push tags in the examples (else this test proves nothing)").isPositive();
  }

  @Test
  void theCutExampleWithoutItsAppTokenIsCaught() throws IOException {
    String cut = exampleTexts().get("cut-release.yml");
    String withDefault = removeTokenOfTrainyardStep(cut);

    assertThat(analyse("cut-release.yml", withDefault).problems()).singleElement().asString()
        .contains("jobs.cut.steps[").contains("pushes tags or publishes a release with the workflow's own GITHUB_TOKEN");
    assertThat(analyse("cut-release.yml", withDefault.replace("command: cut\n",
        "command: cut\n          token: ${{ secrets.GITHUB_TOKEN }}\n")).problems()).hasSize(1);
  }

  @Test
  void anExplicitHandOverIsAccepted() throws IOException {
    String withDefault = removeTokenOfTrainyardStep(exampleTexts().get("cut-release.yml"));
    String called = withDefault + "\n  release:\n    needs: cut\n    uses: ./.github/workflows/release.yml\n"
        + "    with:\n      tag: ${{ needs.cut.outputs.tag }}\n";
    String dispatched = withDefault + "\n      - name: Start the release workflow\n"
        + "        env:\n          GH_TOKEN: ${{ github.token }}\n"
        + "        run: gh workflow run release.yml --ref \"${{ steps.cut.outputs.tag }}\"\n";

    assertThat(analyse("called.yml", called).problems()).isEmpty();
    assertThat(analyse("dispatched.yml", dispatched).problems()).isEmpty();
  }

  @Test
  void publishingTheReleaseWithTheWorkflowTokenIsCaughtToo() throws IOException {
    String publish = exampleTexts().get("publish-release.yml");
    String line = "          token: ${{ steps.app-token.outputs.token }}\n";
    assertThat(publish).contains(line);

    assertThat(analyse("publish-release.yml", publish.replace(line, "")).problems()).singleElement().asString()
        .contains("jobs.publish.steps[");
  }

  @Test
  void aGitPushOfATagWithTheCheckoutsTokenIsCaught() {
    String workflow = "on: workflow_dispatch\njobs:\n  tag:\n    runs-on: ubuntu-latest\n    steps:\n"
        + "      - uses: actions/checkout@v4\n      - run: git tag v1.2.0 && git push origin refs/tags/v1.2.0\n";

    assertThat(analyse("tag.yml", workflow).problems()).singleElement().asString().contains("jobs.tag.steps[1]");
    assertThat(analyse("tag.yml", workflow.replace("actions/checkout@v4\n",
        "actions/checkout@v4\n        with:\n          token: ${{ secrets.RELEASE_TOKEN }}\n")).problems()).isEmpty();
  }

  private static String removeTokenOfTrainyardStep(String workflow) {
    String line = "          token: ${{ steps.app-token.outputs.token }}\n";
    int command = workflow.indexOf("command: cut");
    int token = workflow.indexOf(line, command);
    assertThat(token).as("the cut step of cut-release.yml passes the App token").isPositive();
    return workflow.substring(0, token) + workflow.substring(token + line.length());
  }

  /** What one workflow does with tags and tokens. */
  record Analysis(List<String> problems, int pushingSteps) {}

  static Analysis analyse(String file, String text) {
    JsonNode workflow;
    try {
      workflow = YAML.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(file + " is not YAML: " + e.getMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    int pushing = 0;
    JsonNode jobs = workflow.path("jobs");
    for (Iterator<String> names = jobs.fieldNames(); names.hasNext(); ) {
      String job = names.next();
      JsonNode steps = jobs.path(job).path("steps");
      for (int i = 0; i < steps.size(); i++) {
        JsonNode step = steps.get(i);
        if (!pushesTags(step)) {
          continue;
        }
        pushing++;
        if (usesWorkflowToken(step, steps) && !handsOver(jobs, job, steps, i)) {
          problems.add(file + ": jobs." + job + ".steps[" + i + "] pushes tags or publishes a release with the"
              + " workflow's own GITHUB_TOKEN and hands over to no workflow: GitHub starts no workflow for that (pass a GitHub App"
              + " installation token as 'token', or call or dispatch the tag workflow)");
        }
      }
    }
    return new Analysis(problems, pushing);
  }

  /** A trainyard {@code cut} with push or {@code publish-release}, or a {@code git push} of a tag. */
  static boolean pushesTags(JsonNode step) {
    if (isTrainyard(step)) {
      JsonNode with = step.path("with");
      String args = with.path("args").asText("");
      String command = with.path("command").asText(args.strip().split("\\s+")[0]);
      // publish-release too: a release published with the workflow's token starts no 'on: release' workflow.
      return command.equals("publish-release")
          || command.equals("cut") && (truthy(with.path("push")) || args.matches("(?s).*(^|\\s)--push(\\s|$).*"));
    }
    String run = step.path("run").asText("");
    return run.lines().anyMatch(line -> line.contains("git push") && line.toLowerCase(java.util.Locale.ROOT).contains("tag"));
  }

  private static boolean isTrainyard(JsonNode step) {
    return step.path("uses").isTextual() && TRAINYARD.matcher(step.path("uses").asText().strip()).matches();
  }

  private static boolean truthy(JsonNode value) {
    return !value.isMissingNode() && !value.isNull() && !FALSE.matcher(value.asText().strip()).matches();
  }

  /** The step's token, or for a {@code git push} the token actions/checkout left in the clone. */
  static boolean usesWorkflowToken(JsonNode step, JsonNode steps) {
    if (isTrainyard(step)) {
      JsonNode token = step.path("with").path("token");
      if (token.isMissingNode()) {
        token = step.path("env").path("GITHUB_TOKEN");
      }
      return isDefault(token);
    }
    for (JsonNode other : steps) {
      if (other.path("uses").asText("").startsWith("actions/checkout@")) {
        return isDefault(other.path("with").path("token"));
      }
    }
    return true;
  }

  private static boolean isDefault(JsonNode token) {
    return token.isMissingNode() || token.isNull() || DEFAULT_TOKEN.matcher(token.asText().strip()).matches();
  }

  /** A later step dispatches a workflow, or a job that needs this one calls a reusable workflow. */
  static boolean handsOver(JsonNode jobs, String job, JsonNode steps, int index) {
    for (int i = index + 1; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      if (DISPATCH.matcher(step.path("run").asText("") + " " + step.path("uses").asText("")).find()) {
        return true;
      }
    }
    Set<String> after = new HashSet<>(Set.of(job));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Iterator<String> names = jobs.fieldNames(); names.hasNext(); ) {
        String other = names.next();
        if (!after.contains(other) && needsAny(jobs.path(other).path("needs"), after)) {
          after.add(other);
          grew = true;
          if (jobs.path(other).path("uses").isTextual()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean needsAny(JsonNode needs, Set<String> jobs) {
    if (needs.isTextual()) {
      return jobs.contains(needs.asText());
    }
    for (JsonNode need : needs) {
      if (jobs.contains(need.asText())) {
        return true;
      }
    }
    return false;
  }
}
