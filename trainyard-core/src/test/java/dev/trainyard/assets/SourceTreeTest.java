package dev.trainyard.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTreeTest {
  @TempDir Path work;
  private final List<String> warnings = new ArrayList<>();
  private final Reporter reporter = new Reporter() {
    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {
      warnings.add(message);
    }
  };

  @Test
  void symlinksAreFollowedOnlyInsideTheSource() throws IOException {
    Path source = Files.createDirectories(work.resolve("assets"));
    Path outside = Files.createDirectories(work.resolve("secrets"));
    Files.writeString(outside.resolve("id_rsa"), "private");
    Files.writeString(work.resolve("passwd"), "root:x");
    Files.writeString(source.resolve("real.svg"), "<svg/>");
    Files.createSymbolicLink(source.resolve("alias.svg"), source.resolve("real.svg"));
    Files.createSymbolicLink(source.resolve("leak"), outside);
    Files.createSymbolicLink(source.resolve("passwd"), work.resolve("passwd"));
    Files.createSymbolicLink(source.resolve("loop"), source);

    List<LocalAsset> assets = scan(source, List.of(""));

    assertThat(assets).extracting(LocalAsset::relativePath).containsExactly("alias.svg", "real.svg");
    assertThat(warnings).anyMatch(w -> w.contains("leak")).anyMatch(w -> w.contains("passwd"));
  }

  @Test
  void aConfiguredFolderThatLinksOutsideTheSourceIsRefused() throws IOException {
    Path source = Files.createDirectories(work.resolve("assets"));
    Path outside = Files.createDirectories(work.resolve("secrets"));
    Files.writeString(outside.resolve("id_rsa"), "private");
    Files.createSymbolicLink(source.resolve("legal"), outside);
    SourceTree tree = new SourceTree(source, Selection.all(), new HeaderPolicy(null, List.of(), MimeTypes.standard()), reporter);

    assertThatThrownBy(() -> tree.files(List.of("legal")))
        .isInstanceOf(dev.trainyard.TrainyardException.class)
        .hasMessageContaining("is a link to a folder outside the source");
  }

  @Test
  void aNameTheJvmCannotDecodeIsRefusedInsteadOfUploadedUnderAWrongKey() throws IOException, InterruptedException {
    Path source = Files.createDirectories(work.resolve("assets"));
    Files.writeString(source.resolve("fine.svg"), "<svg/>");
    // A name whose bytes are not UTF-8 (0xFF), made by the shell: Java cannot write such a name.
    Process touch = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377.svg')\"").directory(source.toFile()).start();
    assertThat(touch.waitFor()).isZero();

    SourceTree tree = new SourceTree(source, Selection.all(), new HeaderPolicy(null, List.of(), MimeTypes.standard()), reporter);

    assertThatThrownBy(() -> tree.files(List.of("")))
        .isInstanceOf(dev.trainyard.TrainyardException.class)
        .hasMessageContaining("cannot be decoded in this JVM's file-name encoding");
  }

  @Test
  void pathsAreNfcWithForwardSlashesAndHashed() throws IOException {
    Path source = Files.createDirectories(work.resolve("assets"));
    String decomposed = "Cafe\u0301";
    Files.createDirectories(source.resolve(decomposed));
    Files.writeString(source.resolve(decomposed).resolve("menu.pdf"), "hello");

    List<LocalAsset> assets = scan(source, List.of(""));

    assertThat(assets).singleElement().satisfies(a -> {
      assertThat(a.relativePath()).isEqualTo("Caf\u00e9/menu.pdf");
      assertThat(a.md5Hex()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
      assertThat(a.fingerprint()).isEqualTo("9a71bb4c3610a686"); // CRC-32C, then CRC-32 of "hello"
      assertThat(a.size()).isEqualTo(5);
      assertThat(a.headers().contentType()).isEqualTo("application/pdf");
    });
  }

  @Test
  void twoNamesForOneKeyAreRefusedNamingBothInSortedOrder() throws IOException {
    Path source = Files.createDirectories(work.resolve("assets"));
    Path composed = Files.writeString(source.resolve("caf\u00e9.txt"), "one");
    Path decomposed = Files.writeString(source.resolve("cafe\u0301.txt"), "two");
    String first = composed.toString().compareTo(decomposed.toString()) < 0 ? composed.toString() : decomposed.toString();
    String second = first.equals(composed.toString()) ? decomposed.toString() : composed.toString();

    assertThatThrownBy(() -> scan(source, List.of("")))
        .isInstanceOf(dev.trainyard.TrainyardException.class)
        .hasMessageContaining("files '" + first + "' and '" + second + "' map to the same key 'caf\u00e9.txt'");
  }

  @Test
  void backslashNamesAreSkippedWithAWarning() throws IOException {
    Path source = Files.createDirectories(work.resolve("assets"));
    Files.writeString(source.resolve("a\\b.svg"), "x");
    Files.writeString(source.resolve("ok.svg"), "x");

    assertThat(scan(source, List.of(""))).extracting(LocalAsset::relativePath).containsExactly("ok.svg");
    assertThat(warnings).singleElement().asString().contains("backslash");
  }

  @Test
  void foldersMustBeInsideTheSource() throws IOException {
    Path source = Files.createDirectories(work.resolve("assets"));
    Files.createDirectories(source.resolve("icons"));
    assertThatThrownBy(() -> scan(source, List.of("missing"))).hasMessageContaining("folder 'missing'");
    assertThat(scan(source, List.of("icons"))).isEmpty();
  }

  @Test
  void aSmallFileReadWholeHasTheSameHashesAsOneStreamed() throws IOException {
    Path source = Files.createDirectories(work.resolve("assets"));
    byte[] content = new byte[300_000];
    new Random(3).nextBytes(content);
    Files.write(source.resolve("image.png"), content);
    SourceTree tree = tree(source);
    SourceTree.SourceFile file = tree.files(List.of("")).get(0);

    SourceTree.HashedContent whole = tree.hashInMemory(file);

    assertThat(whole.asset()).isEqualTo(tree.hash(file));
    assertThat(whole.asset().fingerprint()).isEqualTo(tree.fingerprint(file));
    assertThat(whole.content()).isEqualTo(content);
  }

  @Test
  void aFileThatGrewOrShrankAfterTheWalkIsRefusedWhenReadWhole() throws IOException {
    Path source = Files.createDirectories(work.resolve("assets"));
    Path grows = Files.writeString(source.resolve("grows.css"), "a{}");
    Path shrinks = Files.writeString(source.resolve("shrinks.css"), "a{color:red}");
    SourceTree tree = tree(source);
    List<SourceTree.SourceFile> files = tree.files(List.of(""));
    Files.writeString(grows, "a{}b{}");
    Files.writeString(shrinks, "a{}");

    assertThatThrownBy(() -> tree.hashInMemory(files.get(0)))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT))
        .hasMessageContaining("grows.css changed while it was read (3 bytes when listed, more read)");
    assertThatThrownBy(() -> tree.hashInMemory(files.get(1)))
        .hasMessageContaining("shrinks.css changed while it was read (12 bytes when listed, 3 read)");
    assertThatThrownBy(() -> tree.hash(files.get(1)))
        .hasMessageContaining("shrinks.css changed while it was read (12 bytes when listed, 3 read)");
  }

  @Test
  void onlyFilesUpToTheLimitAreReadWhole() throws IOException {
    Path source = Files.createDirectories(work.resolve("assets"));
    Files.write(source.resolve("big.bin"), new byte[(int) SourceTree.IN_MEMORY_LIMIT + 1]);
    SourceTree tree = tree(source);

    assertThatThrownBy(() -> tree.hashInMemory(tree.files(List.of("")).get(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private SourceTree tree(Path source) {
    return new SourceTree(source, Selection.all(), new HeaderPolicy(null, List.of(), MimeTypes.standard()), reporter);
  }

  private List<LocalAsset> scan(Path source, List<String> folders) {
    SourceTree tree = tree(source);
    return tree.files(folders).stream().map(tree::hash).toList();
  }
}
