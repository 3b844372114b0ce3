package dev.trainyard.assets.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.TrainyardException;
import dev.trainyard.assets.AssetsConfig;
import dev.trainyard.assets.AssetsFlags;
import dev.trainyard.assets.SyncResult;
import dev.trainyard.assets.UploadRequest;
import dev.trainyard.assets.upload.AssetUpload;
import dev.trainyard.config.ConfigLoader;
import dev.trainyard.report.Reporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** upload-assets to a local folder ({@code file://}), through the same entry point as S3 and GCS. */
class FolderObjectStoreTest {
  @TempDir Path work;

  @BeforeEach
  void assets() throws Exception {
    write("assets/product-icons/fox.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    write("assets/product-icons/owl.png", "PNG-bytes-owl");
    write("assets/legal/terms.pdf", "%PDF-1.4 terms\n");
  }

  private void write(String path, String content) throws Exception {
    Path file = work.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private SyncResult sync(String yaml, boolean dryRun) {
    AssetsConfig config = new ConfigLoader().parse("assets:\n" + yaml, ".trainyard.yml").assetsOrDefaults();
    AssetsFlags flags = new AssetsFlags(null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, dryRun, null, false, null, null, null);
    return AssetUpload.run(UploadRequest.resolve(config, flags, work), Map.of(), Reporter.silent());
  }

  private String mirrored(String key) throws Exception {
    return Files.readString(work.resolve("mirror").resolve(key), StandardCharsets.UTF_8);
  }

  @Test
  void aFolderTargetSyncsByContentAndSkipsWhatIsUnchanged() throws Exception {
    String config = "  target: file://mirror\n  cdn-url: https://cdn.example.org\n";
    SyncResult dryRun = sync(config, true);
    assertThat(dryRun.uploaded()).containsExactly("legal/terms.pdf", "product-icons/fox.svg", "product-icons/owl.png");
    assertThat(dryRun.target()).isEqualTo("file://" + work.resolve("mirror"));
    assertThat(work.resolve("mirror")).doesNotExist();

    SyncResult first = sync(config, false);
    assertThat(first.uploaded()).hasSize(3);
    assertThat(first.urls()).contains("https://cdn.example.org/product-icons/fox.svg");
    assertThat(mirrored("legal/terms.pdf")).isEqualTo("%PDF-1.4 terms\n");

    // A fresh checkout's mtimes say nothing: only content counts.
    try (Stream<Path> files = Files.walk(work.resolve("assets"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
      }
    }
    SyncResult again = sync(config, false);
    assertThat(again.uploaded()).isEmpty();
    assertThat(again.unchanged()).hasSize(3);

    write("assets/product-icons/owl.png", "PNG-bytes-OWL");
    SyncResult changed = sync(config, false);
    assertThat(changed.uploaded()).containsExactly("product-icons/owl.png");
    assertThat(mirrored("product-icons/owl.png")).isEqualTo("PNG-bytes-OWL");
    try (Stream<Path> left = Files.walk(work.resolve("mirror"))) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".trainyard-upload-"));
    }
  }

  @Test
  void deleteRemovesFilesWithoutASourceAndTheirEmptyFolders() throws Exception {
    sync("  target: file://mirror\n", false);
    Files.delete(work.resolve("assets/legal/terms.pdf"));
    SyncResult result = sync("  target: file://mirror\n  delete: true\n  max-delete-share: 0.5\n", false);
    assertThat(result.deleted()).containsExactly("legal/terms.pdf");
    assertThat(work.resolve("mirror/legal")).doesNotExist();
    assertThat(work.resolve("mirror/product-icons/fox.svg")).exists();
  }

  @Test
  void anAbsoluteFolderWorksAndARelativeOneMayNotClimbOut() throws Exception {
    Path elsewhere = Files.createTempDirectory("trainyard-mirror");
    SyncResult result = sync("  target: file://" + elsewhere + "\n", false);
    assertThat(result.uploaded()).hasSize(3);
    assertThat(elsewhere.resolve("product-icons/fox.svg")).exists();

    assertThatThrownBy(() -> sync("  target: file://../outside\n", true))
        .isInstanceOf(TrainyardException.class).hasMessageContaining("climbs out of");
    Files.writeString(work.resolve("plain-file"), "x");
    assertThatThrownBy(() -> sync("  target: file://plain-file\n", true))
        .isInstanceOf(TrainyardException.class).hasMessageContaining("is a file, not a folder");
  }

  @Test
  void keysCannotLeaveTheFolder() {
    FolderObjectStore store = FolderObjectStore.open(work.resolve("mirror"));
    assertThatThrownBy(() -> store.readText("../assets/legal/terms.pdf"))
        .isInstanceOf(TrainyardException.class).hasMessageContaining("outside the target folder");
  }
}
