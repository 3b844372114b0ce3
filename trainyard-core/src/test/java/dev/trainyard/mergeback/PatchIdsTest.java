package dev.trainyard.mergeback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainyard.testing.ExternalTools;
import dev.trainyard.testing.GitFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchIdsTest {
  @TempDir Path tmp;
  GitFixture repo;
  PatchIds ids;
  RevWalk walk;

  @BeforeEach
  void init() {
    repo = GitFixture.init(tmp);
    ids = new PatchIds(repo.repository());
    walk = new RevWalk(repo.repository());
    repo.commit("initial", "a.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "b.txt", "b\n");
  }

  @AfterEach
  void close() {
    walk.close();
    ids.close();
    repo.close();
  }

  private ObjectId id(RevCommit commit) throws IOException {
    RevCommit parsed = walk.parseCommit(commit);
    walk.parseHeaders(parsed.getParent(0));
    return ids.patchId(ids.changes(parsed));
  }

  @Test
  void sameChangeOnDifferentLinesHasTheSameId() throws IOException {
    repo.branch("other");
    RevCommit onOther = repo.commit("change", "a.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9\nTEN\n11\n12\n");
    repo.checkout("main").commit("prepend", "a.txt", "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n");
    RevCommit onMain = repo.commit("change", "a.txt", "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\nTEN\n11\n12\n");

    assertThat(id(onMain)).isEqualTo(id(onOther));
  }

  @Test
  void whitespaceDoesNotCountButContentDoes() throws IOException {
    repo.branch("other");
    RevCommit spaced = repo.commit("spaced", "b.txt", "b\nnew  line\n");
    repo.checkout("main");
    RevCommit tight = repo.commit("tight", "b.txt", "b\nnew line\n");
    RevCommit different = repo.commit("different", "b.txt", "b\nnew line\nmore\n");

    assertThat(id(spaced)).isEqualTo(id(tight));
    assertThat(id(different)).isNotEqualTo(id(tight));
  }

  @Test
  void theReverseChangeHasADifferentIdAndHeaderKeysAgree() throws IOException {
    RevCommit change = repo.commit("add", "c.txt", "c\n");
    RevCommit parsed = walk.parseCommit(change);
    walk.parseHeaders(parsed.getParent(0));
    var forward = ids.changes(parsed.getParent(0).getTree(), parsed.getTree());
    var backward = ids.changes(parsed.getTree(), parsed.getParent(0).getTree());

    assertThat(ids.patchId(backward)).isNotEqualTo(ids.patchId(forward));
    assertThat(PatchIds.inverseHeaderKey(forward)).isEqualTo(PatchIds.headerKey(backward));
  }

  /** Our ids are meant to equal git's own; check against the git binary where there is one. */
  @Test
  void equalsGitPatchIdStable() throws Exception {
    ExternalTools.require("git", "git");
    RevCommit modify = repo.commit("modify", "a.txt", "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\neleven\n12\n");
    RevCommit addAndDelete = repo.commit("add and delete", "c d.txt", "x\ny\n");
    repo.git().rm().addFilepattern("b.txt").call();
    RevCommit delete = repo.commit("delete b");
    for (RevCommit commit : new RevCommit[] {modify, addAndDelete, delete}) {
      String git = gitPatchId(commit);
      assertThat(git).as("git patch-id --stable of " + commit.getShortMessage()).isNotNull();
      assertThat(id(commit).name()).as(commit.getShortMessage()).isEqualTo(git);
    }
  }

  private String gitPatchId(RevCommit commit) throws Exception {
    try {
      Process show = plainGit("-C", tmp.toString(), "show", "--format=", "--no-renames", "--no-ext-diff",
          commit.name()).redirectErrorStream(true).start();
      byte[] patch = show.getInputStream().readAllBytes();
      show.waitFor(30, TimeUnit.SECONDS);
      Process patchId = plainGit("patch-id", "--stable").start();
      patchId.getOutputStream().write(patch);
      patchId.getOutputStream().close();
      String out = new String(patchId.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      patchId.waitFor(30, TimeUnit.SECONDS);
      return out.isEmpty() ? null : out.split(" ")[0];
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * git without the user's or the system's configuration: settings such as color.ui=always,
   * diff.noprefix or diff.mnemonicPrefix would change the patch that git hashes.
   */
  private static ProcessBuilder plainGit(String... args) {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add("git");
    builder.command().addAll(List.of(args));
    builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    return builder;
  }
}
