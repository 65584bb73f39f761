package io.vigil;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the package rules of docs/architecture.md true. Every package directly under {@code io.vigil} that is not one
 * of the {@link #SHARED} ones is a capability, so a capability added later is checked without editing this test.
 */
class ArchitectureTest {
  static final String ROOT = "io.vigil";
  /** Shared by every capability (or, for {@code app}, the wiring nothing imports). */
  static final Set<String> SHARED = Set.of("domain", "bus", "config", "kit", "store", "observe", "app");
  /** The capabilities built or planned today; the rule does not need this list, it guards {@link #SHARED}. */
  static final Set<String> CAPABILITIES = Set.of("queue", "probe", "alarm", "notify", "recovery", "control", "http",
      "cluster");

  static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  // ---- the rules, for any root, so the fixture in io.vigil.archfixture can prove them ---------------------------

  /** The capability a package belongs to: its first segment under {@code root}, unless that is a shared package. */
  static String capabilityOf(String root, String packageName) {
    if (!packageName.startsWith(root + ".")) return null;
    String rest = packageName.substring(root.length() + 1);
    int dot = rest.indexOf('.');
    String top = dot < 0 ? rest : rest.substring(0, dot);
    return SHARED.contains(top) ? null : top;
  }

  /** No class of one capability depends on a class of another. */
  static ArchRule capabilitiesImportNoOtherCapability(String root) {
    return classes().that(inACapability(root)).should(new ArchCondition<>("depend on no other capability") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String own = capabilityOf(root, item.getPackageName());
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          String other = capabilityOf(root, dependency.getTargetClass().getPackageName());
          if (other != null && !other.equals(own)) {
            String says = own + " -> " + other + ": " + dependency.getDescription();
            events.add(SimpleConditionEvent.violated(dependency, says));
          }
        }
      }
    }).allowEmptyShould(true);
  }

  /** Classes of {@code shared} (a shared package) depend on no capability, nor on the packages listed. */
  static ArchRule sharedPackageStaysBelowCapabilities(String root, String shared, String... alsoNot) {
    return classes().that().resideInAPackage(root + "." + shared + "..")
        .should(new ArchCondition<>("depend on no capability nor on " + Set.of(alsoNot)) {
          @Override
          public void check(JavaClass item, ConditionEvents events) {
            for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
              String target = dependency.getTargetClass().getPackageName();
              boolean forbidden = capabilityOf(root, target) != null;
              for (String other : alsoNot) forbidden |= (target + ".").startsWith(root + "." + other + ".");
              if (forbidden) events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
            }
          }
        }).allowEmptyShould(true);
  }

  static DescribedPredicate<JavaClass> inACapability(String root) {
    return DescribedPredicate.describe("are in a capability package",
        c -> capabilityOf(root, c.getPackageName()) != null);
  }

  // ---- Vigil ---------------------------------------------------------------------------------------------------

  @Test
  void noCapabilityImportsAnotherPresentOrFuture() {
    capabilitiesImportNoOtherCapability(ROOT).check(classes);
  }

  @Test
  void theKitDependsOnNoCapabilityNorOnTheStoreOrTheApp() {
    sharedPackageStaysBelowCapabilities(ROOT, "kit", "store", "app").check(classes);
  }

  @Test
  void configAndBusDependOnNoCapabilityNorOnTheKitStoreOrApp() {
    sharedPackageStaysBelowCapabilities(ROOT, "config", "kit", "store", "app", "bus").check(classes);
    sharedPackageStaysBelowCapabilities(ROOT, "bus", "kit", "store", "app").check(classes);
  }

  @Test
  void theStoreDependsOnNoCapability() {
    sharedPackageStaysBelowCapabilities(ROOT, "store", "app").check(classes);
  }

  @Test
  void theDomainDependsOnTheJdkOnly() {
    noClasses().that().resideInAPackage("io.vigil.domain..")
        .should().dependOnClassesThat().resideOutsideOfPackages("io.vigil.domain..", "java..")
        .allowEmptyShould(true).check(classes);
  }

  @Test
  void httpReadsTheStoreOverTheBusUsingOnlyItsQueryTypes() {
    noClasses().that().resideInAPackage("io.vigil.http..")
        .should().dependOnClassesThat(DescribedPredicate.describe("are store classes other than query types",
            c -> c.getPackageName().startsWith("io.vigil.store")
                && !c.getSimpleName().matches(".*(Query|QueryParser|Cursor|Page)")))
        .allowEmptyShould(true).check(classes);
  }

  @Test
  void nothingDependsOnTheApplicationPackage() {
    noClasses().that().resideOutsideOfPackage("io.vigil.app..")
        .should().dependOnClassesThat().resideInAPackage("io.vigil.app..")
        .allowEmptyShould(true).check(classes);
  }

  @Test
  void everyTopLevelPackageIsSharedOrACapabilityAndNoPlannedCapabilityIsListedAsShared() {
    Set<String> found = new TreeSet<>();
    for (JavaClass c : classes) {
      String pkg = c.getPackageName();
      if (pkg.startsWith(ROOT + ".")) found.add(pkg.substring(ROOT.length() + 1).split("\\.")[0]);
    }

    assertThat(SHARED).doesNotContainAnyElementsOf(CAPABILITIES);
    assertThat(found).filteredOn(p -> !SHARED.contains(p)).allSatisfy(p ->
        assertThat(capabilityOf(ROOT, ROOT + "." + p)).isEqualTo(p));
    assertThat(found).contains("queue", "http", "control", "kit", "domain");
  }

  // ---- the rules catch what they should (a miniature layout in src/test/java/io/vigil/archfixture) -------------

  @Test
  void aCapabilityPackageNobodyListedIsCheckedTheDayItAppears() {
    JavaClasses fixture = new ClassFileImporter().importPackages("io.vigil.archfixture");

    EvaluationResult result = capabilitiesImportNoOtherCapability("io.vigil.archfixture").evaluate(fixture);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails()).isNotEmpty().allSatisfy(detail -> assertThat(detail)
        .startsWith("newcap -> queue: ").contains("NewCapability").contains("QueueThing"));
  }

  @Test
  void aKitClassThatLeansOnACapabilityIsCaught() {
    JavaClasses fixture = new ClassFileImporter().importPackages("io.vigil.archfixture");

    EvaluationResult result = sharedPackageStaysBelowCapabilities("io.vigil.archfixture", "kit").evaluate(fixture);

    assertThat(result.getFailureReport().getDetails()).isNotEmpty()
        .allSatisfy(detail -> assertThat(detail).contains("KitThing").contains("QueueThing"));
  }
}
