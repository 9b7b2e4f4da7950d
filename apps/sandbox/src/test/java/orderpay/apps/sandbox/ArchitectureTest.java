package orderpay.apps.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies point inward: apps -> adapters -> domain (+ contracts); the domain -> the JDK. */
class ArchitectureTest {
  private static JavaClasses orderpay;

  @BeforeAll
  static void importClasses() {
    orderpay =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // test fixtures reach the tests as test-jars (the domain's in-memory fakes)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("orderpay");
  }

  @Test
  void theDomainDependsOnTheJdkAlone() {
    classes()
        .that()
        .resideInAPackage("orderpay.domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("orderpay.domain..", "java..")
        .check(orderpay);
  }

  @Test
  void adaptersNeverReachIntoApps() {
    noClasses()
        .that()
        .resideInAPackage("orderpay.adapters..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("orderpay.apps..")
        .check(orderpay);
  }

  @Test
  void contractsKnowNothingOfUs() {
    noClasses()
        .that()
        .resideInAPackage("orderpay.contracts..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("orderpay.domain..", "orderpay.adapters..", "orderpay.apps..")
        .check(orderpay);
  }

  @Test
  void servicesDoNotDependOnEachOther() {
    slices()
        .matching("orderpay.apps.(*)..")
        .should()
        .notDependOnEachOther()
        .ignoreDependency(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "the sandbox", c -> c.getPackageName().startsWith("orderpay.apps.sandbox")),
            com.tngtech.archunit.base.DescribedPredicate.alwaysTrue())
        .ignoreDependency(
            com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "the shared service kit", c -> c.getPackageName().startsWith("orderpay.apps.kit")))
        .check(orderpay);
  }

  @Test
  void noCyclesBetweenAdapters() {
    slices().matching("orderpay.adapters.(*)..").should().beFreeOfCycles().check(orderpay);
  }

  @Test
  void noCyclesInsideTheDomain() {
    slices().matching("orderpay.domain.(*)..").should().beFreeOfCycles().check(orderpay);
  }
}
