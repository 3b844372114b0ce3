package dev.trainyard.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir
  Path tmp;

  @Test
  void deletesAFolderWithEverythingInIt() throws Exception {
    Path root = tmp.resolve("work");
    Files.createDirectories(root.resolve("a/b/c"));
    Files.writeString(root.resolve("a/b/c/file.txt"), "x");
    Files.writeString(root.resolve("top.txt"), "y");
    Path sibling = Files.writeString(tmp.resolve("work-sibling.txt"), "kept");

    FileTrees.delete(root);

    assertThat(root).doesNotExist();
    assertThat(sibling).hasContent("kept");
  }

  @Test
  void aMissingFolderIsAlreadyGone() throws Exception {
    FileTrees.delete(tmp.resolve("never-made"));
    FileTrees.deleteQuietly(tmp.resolve("never-made"));

    assertThat(tmp.resolve("never-made")).doesNotExist();
  }
}
