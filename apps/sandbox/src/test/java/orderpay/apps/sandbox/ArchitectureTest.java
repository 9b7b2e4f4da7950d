package orderpay.apps.sandbox;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.properties.HasParameterTypes.Predicates.rawParameterTypes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.google.protobuf.ProtocolMessageEnum;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import orderpay.domain.payment.PaymentStatus;
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

  /**
   * The order service learns of its payment as its own {@code PaymentUpdate}, read straight from
   * the payment service's messages: its adapters (gRPC client and server, Kafka consumers,
   * repositories) never rebuild the payment service's aggregate nor touch its use cases and ports.
   * Only the status vocabulary that {@code PaymentUpdate} carries is shared.
   */
  @Test
  void theOrderServicesAdaptersNeverRebuildThePaymentServicesAggregate() {
    noClasses()
        .that()
        .resideInAPackage("orderpay.adapters.*.order..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("orderpay.domain.payment..")
                .and(not(equivalentTo(PaymentStatus.class))))
        .check(orderpay);
  }

  /**
   * A protobuf enum is mapped by an exhaustive switch in its message family's mapper ({@code
   * PaymentMessages}, {@code OrderMessages}, ...), never through its name: no {@code
   * valueOf("PAYMENT_STATUS_" + ...)}, no {@code name().substring(...)}.
   */
  @Test
  void protobufEnumsAreNeverMappedByTheirNames() {
    noClasses()
        .that()
        .resideOutsideOfPackage("orderpay.contracts..")
        .should()
        .callMethodWhere(
            target(owner(assignableTo(ProtocolMessageEnum.class)))
                .and(
                    target(name("name"))
                        .or(target(name("valueOf")).and(target(rawParameterTypes(String.class))))))
        .check(orderpay);
  }
}
