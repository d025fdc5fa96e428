package io.kubeling;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers depend one way: api (HTTP) and openapi (its documents) on the registry, the
 * registry on storage, controllers only on the registry, as kube's controllers act only through
 * the API. resources holds each kind's strategy, validation and helpers: the registry serves them,
 * controllers may use their helpers, and, as kube's allocators keep their bitmaps in etcd, they may
 * use storage. admission (the webhooks) plugs into the registry as one of its Admission checks and reads
 * its configurations through it. config is settings only. The root package assembles the application.
 * Checked as Jupiter tests rather than by ArchUnit's own engine, which runs alone after Jupiter's: so the import
 * runs alongside the suite's other classes.
 */
class LayeringTest {

    private static JavaClasses classes;

    /** From the main classes' directory: a package import would first open every jar on the class path. */
    @BeforeAll
    static void importClasses() throws URISyntaxException {
        Path main = Path.of(KubelingApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .withImportOption(new WithoutAotCode()).importPath(main.resolve("io/kubeling"));
    }

    /**
     * Spring's AOT processing writes bean definitions and configuration classes' proxies into each package (the
     * whole suite runs after it, see pom.xml); they wire, not depend.
     */
    public static final class WithoutAotCode implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("__") && !location.contains("$$SpringCGLIB$$");
        }
    }

    private static final String API = "io.kubeling.api..";
    private static final String OPENAPI = "io.kubeling.openapi..";
    private static final String CONTROLLERS = "io.kubeling.controllers..";
    private static final String RESOURCES = "io.kubeling.resources..";
    private static final String REGISTRY = "io.kubeling.registry..";
    private static final String STORAGE = "io.kubeling.storage..";
    private static final String CONFIG = "io.kubeling.config..";
    private static final String ADMISSION = "io.kubeling.admission..";
    private static final String CEL = "io.kubeling.cel..";
    private static final String RBAC = "io.kubeling.rbac..";
    private static final String AUDIT = "io.kubeling.audit..";

    static final ArchRule storageKnowsNoOtherPackage = noClasses().that().resideInAPackage(STORAGE)
            .should().dependOnClassesThat(resideInAPackage("io.kubeling..").and(not(resideInAPackage(STORAGE))))
            .because("storage is the etcd stand-in below everything");

    static final ArchRule storageKnowsNoKubernetesType = noClasses().that().resideInAPackage(STORAGE)
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.kubernetes..")
            .because("storage holds opaque values under keys, as etcd does");

    static final ArchRule registryServesNoCaller = noClasses().that().resideInAPackage(REGISTRY)
            .should().dependOnClassesThat(resideInAnyPackage(API, OPENAPI, CONTROLLERS, RESOURCES))
            .because("the registry is the generic store; callers and kinds plug into it");

    static final ArchRule controllersActOnlyThroughTheRegistry = noClasses().that().resideInAPackage(CONTROLLERS)
            .should().dependOnClassesThat(resideInAnyPackage(API, OPENAPI, STORAGE))
            .because("controllers act only through the registry, as kube's act only through the API");

    static final ArchRule apiReachesNoStorage = noClasses().that().resideInAPackage(API)
            .should().dependOnClassesThat(resideInAnyPackage(STORAGE, CONTROLLERS, RESOURCES))
            .because("the API is HTTP over the registry");

    static final ArchRule openApiDocumentsTheRegistry = noClasses().that().resideInAPackage(OPENAPI)
            .should().dependOnClassesThat(resideInAnyPackage(API, STORAGE, CONTROLLERS, RESOURCES))
            .because("the OpenAPI documents are built from the registry's definitions");

    static final ArchRule resourcesServeTheRegistry = noClasses().that().resideInAPackage(RESOURCES)
            .should().dependOnClassesThat(resideInAnyPackage(API, OPENAPI, CONTROLLERS))
            .because("each kind's strategy is called by the registry, never the other way round");

    static final ArchRule admissionPlugsIntoTheRegistry = noClasses().that().resideInAPackage(ADMISSION)
            .should().dependOnClassesThat(resideInAnyPackage(API, OPENAPI, CONTROLLERS, STORAGE)
                    .or(resideInAPackage(RESOURCES).and(not(resideInAPackage("io.kubeling.resources.common..")))))
            .because("the webhooks see writes as the registry's Admission and read their configurations from it");

    static final ArchRule nothingCallsAdmissionDirectly = noClasses().that().resideOutsideOfPackage(ADMISSION)
            .should().dependOnClassesThat().resideInAPackage(ADMISSION)
            .because("admission runs only as the registry's Admission, on every write alike");

    static final ArchRule configIsSettingsOnly = noClasses().that().resideInAPackage(CONFIG)
            .should().dependOnClassesThat(resideInAPackage("io.kubeling..").and(not(resideInAPackage(CONFIG))))
            .because("every layer reads its settings; settings know no layer");

    static final ArchRule celKnowsNoOtherPackage = noClasses().that().resideInAPackage(CEL)
            .should().dependOnClassesThat(resideInAPackage("io.kubeling..").and(not(resideInAPackage(CEL))))
            .because("CEL is a library for CRD rules and admission alike, over JSON trees and plain values");

    static final ArchRule celKnowsNoKubernetesType = noClasses().that().resideInAPackage(CEL)
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.kubernetes..")
            .because("CEL evaluates expressions over values, whatever resource they come from");

    static final ArchRule rbacReadsThroughTheRegistry = noClasses().that().resideInAPackage(RBAC)
            .should().dependOnClassesThat(resideInAnyPackage(API, OPENAPI, CONTROLLERS, STORAGE, RESOURCES, ADMISSION))
            .because("the authorizer reads roles and bindings through the registry, as kube's reads them from the API");

    static final ArchRule auditKnowsOnlyTheUser = noClasses().that().resideInAPackage(AUDIT)
            .should().dependOnClassesThat(resideInAPackage("io.kubeling..").and(not(resideInAnyPackage(AUDIT)))
                    .and(not(com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(
                            io.kubeling.registry.UserInfo.class))))
            .because("the audit log writes what the HTTP layer hands it: events, a policy and a user");

    @Test
    void auditKnowsOnlyTheUser() {
        auditKnowsOnlyTheUser.check(classes);
    }

    @Test
    void rbacReadsThroughTheRegistry() {
        rbacReadsThroughTheRegistry.check(classes);
    }

    @Test
    void storageKnowsNoOtherPackage() {
        storageKnowsNoOtherPackage.check(classes);
    }

    @Test
    void storageKnowsNoKubernetesType() {
        storageKnowsNoKubernetesType.check(classes);
    }

    @Test
    void registryServesNoCaller() {
        registryServesNoCaller.check(classes);
    }

    @Test
    void controllersActOnlyThroughTheRegistry() {
        controllersActOnlyThroughTheRegistry.check(classes);
    }

    @Test
    void apiReachesNoStorage() {
        apiReachesNoStorage.check(classes);
    }

    @Test
    void openApiDocumentsTheRegistry() {
        openApiDocumentsTheRegistry.check(classes);
    }

    @Test
    void resourcesServeTheRegistry() {
        resourcesServeTheRegistry.check(classes);
    }

    @Test
    void admissionPlugsIntoTheRegistry() {
        admissionPlugsIntoTheRegistry.check(classes);
    }

    @Test
    void nothingCallsAdmissionDirectly() {
        nothingCallsAdmissionDirectly.check(classes);
    }

    @Test
    void configIsSettingsOnly() {
        configIsSettingsOnly.check(classes);
    }

    @Test
    void celKnowsNoOtherPackage() {
        celKnowsNoOtherPackage.check(classes);
    }

    @Test
    void celKnowsNoKubernetesType() {
        celKnowsNoKubernetesType.check(classes);
    }
}
