package io.vigil;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the package rules of docs/architecture.md true (a capability not built yet has no classes to check). */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.vigil");
  }

  @Test
  void theDomainDependsOnTheJdkOnly() {
    noClasses().that().resideInAPackage("io.vigil.domain..")
        .should().dependOnClassesThat().resideOutsideOfPackages("io.vigil.domain..", "java..")
        .allowEmptyShould(true).check(classes);
  }

  @Test
  void configAndBusDependOnNoCapability() {
    noClasses().that().resideInAnyPackage("io.vigil.config..", "io.vigil.bus..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vigil.queue..", "io.vigil.http..", "io.vigil.store..",
            "io.vigil.control..", "io.vigil.app..")
        .allowEmptyShould(true).check(classes);
  }

  @Test
  void capabilitiesTalkOverTheBusNotThroughEachOther() {
    noClasses().that().resideInAPackage("io.vigil.queue..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vigil.http..", "io.vigil.control..")
        .allowEmptyShould(true).check(classes);
    // http may read the store's query types (the blueprint allows it); it still reaches the store over the bus
    noClasses().that().resideInAPackage("io.vigil.http..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vigil.queue..", "io.vigil.control..")
        .allowEmptyShould(true).check(classes);
    noClasses().that().resideInAPackage("io.vigil.control..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vigil.queue..", "io.vigil.http..")
        .allowEmptyShould(true).check(classes);
    noClasses().that().resideInAPackage("io.vigil.store..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vigil.queue..", "io.vigil.http..", "io.vigil.control..")
        .allowEmptyShould(true).check(classes);
  }

  @Test
  void nothingDependsOnTheApplicationPackage() {
    noClasses().that().resideOutsideOfPackage("io.vigil.app..")
        .should().dependOnClassesThat().resideInAPackage("io.vigil.app..")
        .allowEmptyShould(true).check(classes);
  }
}
