package dev.trainyard.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionBumperTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = VersionBumperTest.class.getResourceAsStream("/bump/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Each fixture is bumped and compared byte for byte with its {@code .expected} twin. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
    "package.json, PACKAGE_JSON, -, 1.217.0",
    "package-crlf.json, PACKAGE_JSON, -, 1.0.0",
    "package-lock.json, PACKAGE_LOCK_JSON, -, 1.217.0",
    "package-lock-workspaces.json, PACKAGE_LOCK_JSON, fxa-auth-server, 1.217.0",
    "Cargo.toml, CARGO_TOML, -, 1.217.0",
    "Cargo-workspace.toml, CARGO_TOML, -, 0.24.0",
    "Cargo.lock, CARGO_LOCK, fxa-email-service, 1.217.0",
    "pom.xml, POM_XML, -, 2.4.0",
    "pom-revision.xml, POM_XML, -, 1.0.0",
    "pyproject.toml, PYPROJECT_TOML, -, 0.24.0",
    "pyproject-poetry.toml, PYPROJECT_TOML, -, 1.3.0",
    "setup.py, SETUP_PY, -, 1.5.0",
  })
  void bumpsOnlyTheVersion(String fixture, VersionFileKind kind, String packageName, String version) throws IOException {
    String input = resource(fixture);
    String expected = resource(fixture + ".expected");
    assertThat(input).isNotEqualTo(expected);
    assertThat(VersionBumper.bump(kind, input, packageName, version)).isEqualTo(expected);
  }

  @Test
  void packageLockOfTheRootPackageByName() throws IOException {
    String input = resource("package-lock.json");
    assertThat(VersionBumper.bump(VersionFileKind.PACKAGE_LOCK_JSON, input, "fxa-profile-server", "1.217.0"))
        .isEqualTo(resource("package-lock.json.expected"));
  }

  @Test
  void singlePackageLockIgnoresTheTrainyardPackageName() throws IOException {
    assertThat(VersionBumper.bump(VersionFileKind.PACKAGE_LOCK_JSON, resource("package-lock.json"), "profile", "1.217.0"))
        .isEqualTo(resource("package-lock.json.expected"));
  }

  @Test
  void singleCrateLockIgnoresTheTrainyardPackageName() {
    String lock = "version = 3\n\n[[package]]\nname = \"email-service\"\nversion = \"1.0.0\"\n\n"
        + "[[package]]\nname = \"serde\"\nversion = \"1.0.0\"\nsource = \"registry+x\"\n";
    assertThat(VersionBumper.bump(VersionFileKind.CARGO_LOCK, lock, "email", "1.1.0"))
        .isEqualTo(lock.replaceFirst("version = \"1.0.0\"\n\n", "version = \"1.1.0\"\n\n"));
  }

  @Test
  void crlfTomlKeepsItsLineEndings() {
    String input = "[package]\r\nname = \"a\"\r\nversion = \"0.1.0\"\r\n\r\n[dependencies]\r\nb = { version = \"0.1.0\" }\r\n";
    assertThat(VersionBumper.bump(VersionFileKind.CARGO_TOML, input, null, "0.2.0"))
        .isEqualTo(input.replaceFirst("version = \"0.1.0\"", "version = \"0.2.0\""));
  }

  @Test
  void noTrailingNewlineStaysThatWay() {
    assertThat(VersionBumper.bump(VersionFileKind.PACKAGE_JSON, "{\"version\":\"1.0.0\"}", null, "1.0.1"))
        .isEqualTo("{\"version\":\"1.0.1\"}");
  }

  @Test
  void bumpingTwiceIsStable() throws IOException {
    String once = VersionBumper.bump(VersionFileKind.POM_XML, resource("pom.xml"), null, "2.4.0");
    assertThat(VersionBumper.bump(VersionFileKind.POM_XML, once, null, "2.4.0")).isEqualTo(once);
  }

  // ------------------------------------------------------------------ version not found

  private static AbstractThrowableAssert<?, ? extends Throwable> assertNotFound(
      VersionFileKind kind, String content, String packageName) {
    return assertThatThrownBy(() -> VersionBumper.bump(kind, content, packageName, "1.0.0"))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.hint()).isNotBlank();
        })
        .hasMessageStartingWith(kind.fileName() + ":");
  }

  @Test
  void packageJsonWithoutVersion() {
    assertNotFound(VersionFileKind.PACKAGE_JSON, "{\n  \"name\": \"x\",\n  \"scripts\": {\"version\": \"1\"}\n}\n", null)
        .hasMessageContaining("\"version\"");
  }

  @Test
  void packageLockWithoutVersion() {
    assertNotFound(VersionFileKind.PACKAGE_LOCK_JSON, "{\"name\": \"x\", \"lockfileVersion\": 3, \"packages\": {}}", null);
  }

  @Test
  void packageLockWithoutTheWorkspaceMember() throws IOException {
    assertNotFound(VersionFileKind.PACKAGE_LOCK_JSON, resource("package-lock-workspaces.json"), "fxa-missing")
        .hasMessageContaining("fxa-missing");
  }

  @Test
  void malformedJsonSaysWhere() {
    assertNotFound(VersionFileKind.PACKAGE_JSON, "{\n  \"name\": \"x\"\n  \"version\": \"1\"\n}", null)
        .hasMessageStartingWith("package.json:3:3: not valid JSON");
  }

  @Test
  void cargoTomlWithoutVersion() {
    assertNotFound(VersionFileKind.CARGO_TOML,
        "[package]\nname = \"a\"\nversion.workspace = true\n\n[dependencies]\nserde = { version = \"1\" }\n", null)
        .hasMessageContaining("[package]");
  }

  @Test
  void cargoLockWithoutThePackage() throws IOException {
    assertNotFound(VersionFileKind.CARGO_LOCK, resource("Cargo.lock"), "serde").hasMessageContaining("'serde'");
    assertNotFound(VersionFileKind.CARGO_LOCK, resource("Cargo.lock"), null).hasMessageContaining("no package name");
  }

  @Test
  void pomWithoutItsOwnVersion() {
    assertNotFound(VersionFileKind.POM_XML,
        "<project><parent><version>1.0.0</version></parent><artifactId>a</artifactId>"
            + "<dependencies><dependency><version>2</version></dependency></dependencies></project>", null)
        .hasMessageContaining("<version>")
        .satisfies(e -> assertThat(((TrainyardException) e).hint()).contains("parent"));
  }

  @Test
  void pomWithUndefinedRevisionProperty() {
    assertNotFound(VersionFileKind.POM_XML, "<project><version>${revision}</version></project>", null)
        .hasMessageContaining("${revision}");
  }

  @Test
  void pyprojectWithDynamicVersion() {
    assertNotFound(VersionFileKind.PYPROJECT_TOML,
        "[project]\nname = \"a\"\ndynamic = [\"version\"]\n\n[tool.other]\nversion = \"1\"\n", null)
        .satisfies(e -> assertThat(((TrainyardException) e).hint()).contains("dynamic"));
  }

  @Test
  void setupPyWithoutVersion() {
    assertNotFound(VersionFileKind.SETUP_PY, "from setuptools import setup\nsetup(name=\"a\")\n", null)
        .hasMessageContaining("setup()");
    assertNotFound(VersionFileKind.SETUP_PY, "from setuptools import setup\nsetup(name=\"a\", version=VERSION)\n", null)
        .hasMessageContaining("VERSION");
  }

  @Test
  void unsafeNewVersionIsRefused() {
    assertThatThrownBy(() -> VersionBumper.bump(VersionFileKind.PACKAGE_JSON, "{\"version\":\"1\"}", null, "1\"2"))
        .isInstanceOf(TrainyardException.class)
        .hasMessageContaining("package.json");
  }

  // ------------------------------------------------------------------ detection

  @Test
  void detectsKindsByFileName() {
    assertThat(VersionFileKind.detect("packages/fxa-auth-server/package.json")).contains(VersionFileKind.PACKAGE_JSON);
    assertThat(VersionFileKind.detect("package-lock.json")).contains(VersionFileKind.PACKAGE_LOCK_JSON);
    assertThat(VersionFileKind.detect("npm-shrinkwrap.json")).contains(VersionFileKind.PACKAGE_LOCK_JSON);
    assertThat(VersionFileKind.detect("Cargo.toml")).contains(VersionFileKind.CARGO_TOML);
    assertThat(VersionFileKind.detect("crates\\x\\Cargo.lock")).contains(VersionFileKind.CARGO_LOCK);
    assertThat(VersionFileKind.detect("pom.xml")).contains(VersionFileKind.POM_XML);
    assertThat(VersionFileKind.detect("pyproject.toml")).contains(VersionFileKind.PYPROJECT_TOML);
    assertThat(VersionFileKind.detect("setup.py")).contains(VersionFileKind.SETUP_PY);
    assertThat(VersionFileKind.detect("build.gradle")).isEmpty();
    assertThat(VersionFileKind.detect(null)).isEmpty();
  }
}
