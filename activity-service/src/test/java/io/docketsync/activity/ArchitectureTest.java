package io.docketsync.activity;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.docketsync.api.Violation;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;

/**
 * activity-service's packages by role (DESIGN.md section 6): {@code api} (REST) and {@code messaging} (Kafka in) are
 * adapters that call {@code service}; {@code service} loads and stores through {@code persistence} and asks
 * {@code domain}, whose rules are plain Java with no I/O and no framework.
 */
@AnalyzeClasses(packages = "io.docketsync.activity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("..activity.domain..")
            .should().dependOnClassesThat(resideInAnyPackage(
                    "..activity.api..", "..activity.messaging..", "..activity.persistence..", "..activity.service..",
                    "io.quarkus..", "io.smallrye..", "org.hibernate..", "jakarta.persistence..", "jakarta.ws.rs..",
                    "jakarta.enterprise..", "jakarta.inject..", "jakarta.transaction..", "io.vertx..",
                    "org.eclipse.microprofile..", "org.apache.kafka..", "io.docketsync.outbox..", "java.sql..",
                    "java.net..", "java.nio.file.."))
            .because("domain rules are functions of values: no database, Kafka, HTTP, Quarkus or Mutiny in them");

    @ArchTest
    static final ArchRule domainKnowsNoHttpProblems = noClasses().that().resideInAPackage("..activity.domain..")
            .should().dependOnClassesThat(resideInAnyPackage("io.docketsync.api..").and(not(equivalentTo(Violation.class))))
            .because("a broken rule is a Violation (a value); which HTTP problem it becomes is decided outside");

    @ArchTest
    static final ArchRule apiDoesNotUseMessaging = noClasses().that().resideInAPackage("..activity.api..")
            .should().dependOnClassesThat().resideInAPackage("..activity.messaging..");

    @ArchTest
    static final ArchRule messagingDoesNotUseApi = noClasses().that().resideInAPackage("..activity.messaging..")
            .should().dependOnClassesThat().resideInAPackage("..activity.api..");

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("api").definedBy("..activity.api..")
            .layer("messaging").definedBy("..activity.messaging..")
            .layer("service").definedBy("..activity.service..")
            .layer("persistence").definedBy("..activity.persistence..")
            .layer("domain").definedBy("..activity.domain..")
            .whereLayer("api").mayNotBeAccessedByAnyLayer()
            .whereLayer("messaging").mayNotBeAccessedByAnyLayer()
            .whereLayer("service").mayOnlyBeAccessedByLayers("api", "messaging")
            .whereLayer("persistence").mayOnlyBeAccessedByLayers("api", "messaging", "service");

    /** The threading model (README): one reactive session per request or record, opened where it enters. */
    @ArchTest
    static final ArchRule sessionsOpenOnlyAtEntryPoints = methods()
            .that().areAnnotatedWith(WithTransaction.class).or().areAnnotatedWith(WithSession.class)
            .should().beDeclaredInClassesThat().resideInAnyPackage("..activity.api..", "..activity.messaging..")
            .because("services, publishers and repositories run in the session of the request or record");

    /**
     * Hibernate's sessions, that is: a record a consumer keeps through the reactive SQL client instead (a sync state,
     * issue 19) runs in a transaction of the SQL client's, which holds no session.
     */
    @ArchTest
    static final ArchRule noSessionsOpenedInCode = noClasses()
            .that().resideOutsideOfPackages("..activity.api..", "..activity.messaging..")
            .should().callMethodWhere(target(nameMatching("withTransaction|withSession|withStatelessSession"))
                    .and(target(owner(resideInAnyPackage("io.quarkus.hibernate..", "org.hibernate..")))))
            .because("a session is opened where a request or record enters, never in between");
}
