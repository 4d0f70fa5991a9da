package io.docketsync.sync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The worker's shape (README, "How a change travels"), kept by the build. */
class ArchitectureTest {
    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.docketsync.sync");

    @Test
    void theDomainIsFreeOfAdaptersAndFrameworks() {
        noClasses().that().resideInAPackage("io.docketsync.sync.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.docketsync.sync.api..", "io.docketsync.sync.graph..", "io.docketsync.sync.persistence..",
                        "io.docketsync.sync.messaging..", "io.docketsync.sync.plan..", "io.docketsync.sync.write..",
                        "io.docketsync.sync.inbound..", "io.docketsync.sync.jobs..", "io.docketsync.sync.deadletters..",
                        "io.docketsync.outbox..", "com.microsoft..", "jakarta.persistence..", "jakarta.ws.rs..",
                        "jakarta.enterprise..", "org.hibernate..", "io.quarkus..", "io.vertx..", "org.apache.kafka..",
                        "org.eclipse.microprofile..")
                .because("rules are plain Java, table-tested without I/O; the flows apply what they decide")
                .check(WORKER);
    }

    @Test
    void consumersOnlyCallServicesNeverOneAnother() {
        classes().that().haveSimpleNameEndingWith("Consumer").should().onlyHaveDependentClassesThat()
                .haveSimpleNameEndingWith("Consumer")
                .because("nobody calls a consumer: flows meet in services").check(WORKER);
        noClasses().that().haveSimpleNameEndingWith("Consumer").should().dependOnClassesThat()
                .haveSimpleNameEndingWith("Consumer").because("a consumer decodes, calls its flow's service and acks")
                .check(WORKER);
        noClasses().that().haveSimpleNameEndingWith("Consumer").should().dependOnClassesThat()
                .resideInAnyPackage("io.docketsync.sync.persistence..", "io.docketsync.sync.graph..")
                .because("state and Graph are the services' business").check(WORKER);
    }

    @Test
    void onlyTheGraphAdapterTouchesTheGraphSdk() {
        noClasses().that().resideOutsideOfPackage("io.docketsync.sync.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("com.microsoft.graph..", "com.microsoft.kiota..")
                .because("the flows reach Office 365 through the domain's Calendar, on one named pool")
                .check(WORKER);
    }

    @Test
    void onlyTheMessagingPackageAppendsToTheOutbox() {
        noClasses().that().resideOutsideOfPackages("io.docketsync.sync.messaging..", "io.docketsync.sync.deadletters..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.docketsync.outbox.Outbox")
                .because("every event is made by SyncEvents (topic and key) and published by SyncPublisher")
                .check(WORKER);
    }
}
