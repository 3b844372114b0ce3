package dev.trainyard;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The core is a library: it never ends the process, never prints, never reads the environment
 * behind the caller's back (the CLI passes values in, which is what makes it testable), its packages
 * (subpackages included) do not form cycles, and each uses only what the package map in
 * docs/ARCHITECTURE.md allows. The map is read from that document, so it and these rules cannot
 * drift apart.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.trainyard";
  private static final Path ARCHITECTURE = Path.of("..", "docs", "ARCHITECTURE.md");
  /** Every core package may use these besides its row. */
  private static final List<String> SHARED = List.of(ROOT, ROOT + ".report", ROOT + ".markdown", ROOT + ".match",
      ROOT + ".files");

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ROOT);

  @Test
  void coreNeverExitsPrintsOrReadsTheEnvironment() {
    noClasses().should().callMethod(System.class, "exit", int.class)
        .orShould().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethod(System.class, "getenv")
        .orShould().callMethod(System.class, "getenv", String.class)
        .check(CORE);
  }

  @Test
  void coreHasNoCommandLineDependency() {
    noClasses().should().dependOnClassesThat().resideInAPackage("picocli..").check(CORE);
  }

  @Test
  void packagesAndTheirSubpackagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void everyPackageUsesOnlyWhatThePackageMapAllows() throws IOException {
    Map<String, List<String>> map = packageMap();
    for (Map.Entry<String, List<String>> row : map.entrySet()) {
      if (row.getKey().equals("config")) {
        continue;
      }
      List<String> allowed = new ArrayList<>(SHARED);
      allowed.add(ROOT + "." + row.getKey());
      row.getValue().forEach(used -> allowed.add(ROOT + "." + used));
      classes().that().resideInAPackage(ROOT + "." + row.getKey())
          .should().onlyDependOnClassesThat(not(resideInAPackage(ROOT + "..")).or(resideInAnyPackage(
              allowed.toArray(String[]::new))))
          .as(row.getKey() + " uses only " + (row.getValue().isEmpty() ? "the shared packages" : row.getValue()))
          .allowEmptyShould(true)
          .check(CORE);
    }
  }

  @Test
  void noCapabilityUsesTheConfigurationPackage() {
    noClasses().that().resideOutsideOfPackage(ROOT + ".config")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".config")
        .check(CORE);
  }

  @Test
  void everyPackageHasItsRowInThePackageMap() throws IOException {
    Set<String> packages = CORE.stream().map(JavaClass::getPackageName)
        .filter(name -> name.startsWith(ROOT + "."))
        .map(name -> name.substring(ROOT.length() + 1))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(packageMap().keySet()).as("rows of the package map in docs/ARCHITECTURE.md").containsAll(packages);
  }

  /** Package (relative to dev.trainyard) -> the packages its row allows, read from the document. */
  static Map<String, List<String>> packageMap() throws IOException {
    String document = Files.readString(ARCHITECTURE, StandardCharsets.UTF_8);
    int start = document.indexOf("## Package map");
    int end = document.indexOf("\n## ", start + 1);
    Pattern name = Pattern.compile("`([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)`");
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String line : document.substring(start, end < 0 ? document.length() : end).lines().toList()) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split(" \\| ");
      List<String> uses = new ArrayList<>();
      Matcher used = name.matcher(cells[cells.length - 1]);
      while (used.find()) {
        uses.add(used.group(1));
      }
      Matcher owner = name.matcher(cells[0]);
      while (owner.find()) {
        map.put(owner.group(1), uses);
      }
    }
    assertThat(map).as("the package map table in docs/ARCHITECTURE.md").isNotEmpty();
    return map;
  }
}
