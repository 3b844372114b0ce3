package dev.trainyard.bugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request template: Mustache rendering of the model, and mistakes reported at line:column. */
class RequestTemplateTest {
  static DeployRequestModel model(boolean patch) {
    DeployRequestModel.Commit fix = new DeployRequestModel.Commit("fix", "auth", "keep <the> session & more", false,
        "abc1234", "https://github.com/o/yard/commit/abc1234", 24, "https://github.com/o/yard/pull/24");
    return new DeployRequestModel("yard", "stage", true, false, !patch, patch, false, "4", patch ? "1.4.1" : "1.4.0",
        patch ? "v1.4.1" : "v1.4.0", patch ? "v1.4.0" : "v1.3.1", null, null, "Please deploy yard train 4",
        List.of(new DeployRequestModel.PackageChanges("auth-server", "packages/auth-server",
            "packages/auth-server/CHANGELOG.md", null, 1, true, "1 change", List.of(fix), "## 1.4.1\n"),
            new DeployRequestModel.PackageChanges("content-server", "packages/content-server",
                "packages/content-server/CHANGELOG.md", null, 0, false, "no changes", List.of(), "No changes.\n")),
        1, List.of(), null, "DEPLOY_NOTES.md", List.of(), false, false, List.of(),
        List.of(new DeployRequestModel.Service(1, "auth-server"), new DeployRequestModel.Service(2, "content-server")),
        "packages", "Jane Doe");
  }

  @Test
  void theDefaultTemplateRendersTheModelAsMarkdownWithoutEscaping() {
    String text = RequestTemplate.defaultTemplate().render(model(true));

    assertThat(text).startsWith("Please deploy yard patch release v1.4.1 to stage.\n\n- Tag: v1.4.1\n")
        .contains("- Release owner: Jane Doe\n")
        .contains("## Deploy order\n1. auth-server\n2. content-server\n")
        .contains("## Database migrations\nNone detected.\n")
        .contains("## Deploy notes\nNone.\n")
        .contains("### auth-server\n- fix(auth): keep <the> session & more ([abc1234](https://github.com/o/yard/commit/abc1234))\n")
        .doesNotContain("### content-server")
        .contains("- content-server: packages/content-server/CHANGELOG.md (no changes)\n")
        .doesNotContain("&lt;").doesNotContain("{{").endsWith(")\n");
  }

  @Test
  void aUserTemplateSeesEveryNameAndNestedSections() {
    RequestTemplate template = RequestTemplate.compile("""
        {{product}} {{tag}}{{#patch}} (patch of train {{train}}){{/patch}}
        {{#packages}}
        * {{name}}: {{changesText}}{{#commits}} [{{shortHash}}]{{/commits}}
        {{/packages}}
        {{^migrations}}no migrations{{/migrations}}
        """, "mine.mustache");

    assertThat(template.render(model(true))).isEqualTo("""
        yard v1.4.1 (patch of train 4)
        * auth-server: 1 change [abc1234]
        * content-server: no changes
        no migrations
        """);
  }

  @Test
  void mistakesAreReportedWithLineAndColumn() {
    assertError("Tag {{tag}}\n  see {{chnagelog}}\n", "mine.md:2:7: unknown name 'chnagelog'", null);
    assertError("a\n{{#packages}}\n- {{name}}\n", "mine.md:2:1: section {{#packages}} is never closed",
        "add {{/packages}} where it should end");
    assertError("{{#packages}}{{#commits}}x{{/packages}}{{/commits}}",
        "mine.md:1:27: {{/packages}} closes {{#commits}} opened at 1:14", null);
    assertError("x {{/patch}}", "mine.md:1:3: {{/patch}} closes a section that was never opened", null);
    assertError("line one\n  {{tag\n", "mine.md:2:3: tag '{{tag' is not closed with }}", null);
    assertError("{{> footer}}", "mine.md:1:1: partials and blocks are not supported", null);
    assertError("{{=<% %>=}}", "mine.md:1:1: changing the delimiters is not supported", null);
    assertError("{{ }}", "mine.md:1:1: empty tag {{}}", null);
  }

  @Test
  void aMisspeltNameGetsASuggestion() {
    assertThatThrownBy(() -> RequestTemplate.compile("{{relaseOwner}}", "t"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.hint()).startsWith("did you mean 'releaseOwner'?"));
  }

  @Test
  void theSummaryTemplateIsOneLine() {
    RequestTemplate summary = RequestTemplate.compile(RequestTemplate.DEFAULT_SUMMARY, "summary");
    assertThat(summary.render(model(false))).isEqualTo("Please deploy yard train 4 (v1.4.0) to stage\n");
  }

  @Test
  void theTemplateKnowsEveryNameOfTheModel() {
    assertThat(RequestTemplate.knownNames()).contains("product", "packages", "changesText", "commits", "shortHash",
        "pullRequestNotes", "notes", "migrations", "services", "position", "qaLinks", "label", "releaseOwner");
  }

  private static void assertError(String template, String message, String hint) {
    assertThatThrownBy(() -> RequestTemplate.compile(template, "mine.md"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).isEqualTo(message);
          if (hint != null) {
            assertThat(e.hint()).isEqualTo(hint);
          }
        });
  }
}
