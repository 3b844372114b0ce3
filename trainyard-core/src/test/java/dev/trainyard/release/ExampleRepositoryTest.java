package dev.trainyard.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.git.GitRepository;
import dev.trainyard.git.TagRef;
import dev.trainyard.report.Reporter;
import dev.trainyard.version.NextVersionRequest;
import dev.trainyard.version.VersionScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleRepositoryTest {
  @TempDir Path tmp;

  @Test
  void theExampleIsATrainMonorepoReadyForTheNextTrain() throws Exception {
    Path yard = tmp.resolve("yard");
    ExampleRepository.create(yard);
    try (GitRepository repo = GitRepository.open(yard)) {
      assertThat(repo.currentBranch()).contains("main");
      assertThat(repo.tags()).extracting(TagRef::name)
          .containsExactlyInAnyOrder("v1.1.0", "v1.2.0", "v1.2.0-feature", "v1.3.0", "v1.3.1");
      repo.requireClean();
      ReleasePlan plan = new ReleasePlanner(ReleasePlannerTest.CLOCK, Reporter.silent()).plan(repo,
          new NextVersionRequest(new VersionScheme.Train(1), false, null, "main", null, false),
          new dev.trainyard.config.ConfigLoader().load(yard.resolve(".trainyard.yml"), true).releaseOrDefaults(),
          new RepositoryLinks("https://github.com", "example-org/yard"));
      assertThat(plan.next().tag()).isEqualTo("v1.4.0");
      assertThat(plan.next().previousTag()).isEqualTo("v1.3.1");
      assertThat(plan.files()).hasSize(6);
      assertThat(plan.sections()).extracting(s -> s.commits().size()).containsExactly(1, 1, 1);
    }
    assertThat(Files.readString(yard.resolve("packages/auth-server/package.json"))).contains("\"version\": \"1.3.1\"");
    assertThat(Files.readString(yard.resolve("packages/sync-server/CHANGELOG.md")))
        .contains("## 1.3.0").contains("drop the v1 storage API");
  }

  @Test
  void theSameHashesEveryTime() throws Exception {
    ExampleRepository.create(tmp.resolve("a"));
    ExampleRepository.create(tmp.resolve("b"));
    try (Git a = Git.open(tmp.resolve("a").toFile()); Git b = Git.open(tmp.resolve("b").toFile())) {
      assertThat(a.getRepository().resolve("HEAD")).isEqualTo(b.getRepository().resolve("HEAD"));
    }
  }

  @Test
  void runningItAgainOnTheExampleChangesNothing() throws Exception {
    Path yard = tmp.resolve("yard");
    assertThat(ExampleRepository.create(yard)).isTrue();
    ObjectIdHolder before = new ObjectIdHolder(yard);
    assertThat(ExampleRepository.create(yard)).isFalse();
    assertThat(new ObjectIdHolder(yard)).isEqualTo(before);
  }

  record ObjectIdHolder(String head) {
    ObjectIdHolder(Path dir) throws Exception {
      this(headOf(dir));
    }

    static String headOf(Path dir) throws Exception {
      try (Git git = Git.open(dir.toFile())) {
        return git.getRepository().resolve("HEAD").name();
      }
    }
  }

  @Test
  void aNonEmptyFolderIsRefused() throws Exception {
    Files.writeString(tmp.resolve("keep.txt"), "mine");
    assertThatThrownBy(() -> ExampleRepository.create(tmp))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT));
  }
}
