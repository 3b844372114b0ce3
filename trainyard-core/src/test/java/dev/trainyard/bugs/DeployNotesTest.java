package dev.trainyard.bugs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeployNotesTest {
  @Test
  void theSectionUnderTheHeadingUpToTheNextHeadingOfTheSameLevel() {
    String body = """
        ## Because
        Sessions expire too early.

        ## Deploy notes
        <!-- Anything ops must do: config, migrations, order. -->
        - Set `SESSION_TTL=3600` on auth-server.

        ### Details
        Only on production.

        ## Checklist
        - [x] tests
        """;
    assertThat(DeployNotes.section(body, "Deploy notes"))
        .isEqualTo("- Set `SESSION_TTL=3600` on auth-server.\n\n### Details\nOnly on production.");
  }

  @Test
  void boldHeadingsCaseAndTrailingColonsCount() {
    assertThat(DeployNotes.section("**Deploy Notes:**\nrun the migration first\n**Testing**\nx", "Deploy notes"))
        .isEqualTo("run the migration first");
    assertThat(DeployNotes.section("# DEPLOY NOTES #\r\nnone\r\n", "Deploy notes")).isEmpty();
  }

  @Test
  void anEmptyTemplateSectionOrNoSectionIsNothing() {
    assertThat(DeployNotes.section("## Deploy notes\n<!-- fill in -->\n\n## Other\n", "Deploy notes")).isEmpty();
    assertThat(DeployNotes.section("Fixes #12", "Deploy notes")).isEmpty();
    assertThat(DeployNotes.section(null, "Deploy notes")).isEmpty();
  }

  @Test
  void headingsInsideCodeFencesDoNotEndTheSection() {
    assertThat(DeployNotes.section("## Deploy notes\n```\n# not a heading\n```\n## Next\n", "deploy notes"))
        .isEqualTo("```\n# not a heading\n```");
  }
}
