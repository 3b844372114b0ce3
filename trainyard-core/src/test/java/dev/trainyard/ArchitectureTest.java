package dev.trainyard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core is a library: it never ends the process, never prints, never reads the environment
 * behind the caller's back (the CLI passes values in, which is what makes it testable), and its
 * capability packages do not form cycles.
 */
class ArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.trainyard");

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
  void capabilityPackagesAreFreeOfCycles() {
    slices().matching("dev.trainyard.(*)..").should().beFreeOfCycles().check(CORE);
  }
}
