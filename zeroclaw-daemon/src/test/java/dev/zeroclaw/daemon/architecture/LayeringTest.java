package dev.zeroclaw.daemon.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import dev.zeroclaw.process.ProcessGroup;
import dev.zeroclaw.process.ProcessIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module map of DESIGN.md, as rules the build enforces. */
class LayeringTest {

    private static JavaClasses product;

    @BeforeAll
    static void importProductClasses() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // test fixtures of other modules
                .importPackages("dev.zeroclaw");
    }

    @Test
    void theModulesUnderTestAreAllOnTheClassPath() {
        // Guards the rules below against passing because a module's classes were not imported.
        for (String module : new String[] {"api", "config", "diff", "daemon", "transport"}) {
            classes().that().resideInAPackage("dev.zeroclaw." + module + "..")
                    .should().resideInAPackage("dev.zeroclaw..")
                    .allowEmptyShould(false)
                    .check(product);
        }
    }

    @Test
    void apiDependsOnTheJdkAlone() {
        check(classes().that().resideInAPackage("dev.zeroclaw.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.zeroclaw.api..", "java..")
                .because("zeroclaw-api is the plugin contract: it depends on nothing of ours and on no library"));
    }

    @Test
    void configDependsOnlyOnTheApi() {
        check(classes().that().resideInAPackage("dev.zeroclaw.config..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.zeroclaw.config..", "dev.zeroclaw.api..", "java..", "org.tomlj..")
                .because("zeroclaw-config may depend on zeroclaw-api and its TOML parser only"));
    }

    @Test
    void diffIsPureFunctionsOverTheApi() {
        check(classes().that().resideInAPackage("dev.zeroclaw.diff..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.zeroclaw.diff..", "dev.zeroclaw.api..", "java.lang..", "java.util..",
                        "java.nio.charset..", "java.nio", "java.security..")
                .because("zeroclaw-diff is pure functions over zeroclaw-api types: no I/O, no other module"));
    }

    @Test
    void processDependsOnlyOnTheApi() {
        check(noClasses().that().resideInAPackage("dev.zeroclaw.process..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.zeroclaw.config..", "dev.zeroclaw.diff..", "dev.zeroclaw.signal..",
                        "dev.zeroclaw.daemon..")
                .because("zeroclaw-process may depend on zeroclaw-api only"));
    }

    @Test
    void signalStandsAlone() {
        check(noClasses().that().resideInAPackage("dev.zeroclaw.signal..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.zeroclaw.config..", "dev.zeroclaw.diff..", "dev.zeroclaw.process..",
                        "dev.zeroclaw.daemon..")
                .because("zeroclaw-signal knows signals, sd_notify and pid files, not the rest of zeroclaw"));
    }

    @Test
    void theHttpTransportsAreWrittenLikePlugins() {
        check(classes().that().resideInAPackage("dev.zeroclaw.transport..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.zeroclaw.transport..", "dev.zeroclaw.api..", "java..", "javax.net.ssl..",
                        "com.fasterxml.jackson.core..")
                .because("zeroclaw-transport-http depends on the SPI, the JDK and jackson-core's parser only, like a plugin"));
    }

    @Test
    void theDaemonFindsTransportsThroughTheSpiAlone() {
        check(noClasses().that().resideInAPackage("dev.zeroclaw.daemon..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(
                                "dev.zeroclaw.process..", "dev.zeroclaw.transport..", "dev.zeroclaw.examples..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(ProcessGroup.class, ProcessIdentity.class))))
                .because("built-in and plugin transports alike are found with ServiceLoader and used through zeroclaw-api;"
                        + " the daemon uses zeroclaw-process only to stop the process groups a SIGKILLed predecessor left"));
    }

    @Test
    void guiceStaysInTheDaemon() {
        check(noClasses().that().resideOutsideOfPackage("dev.zeroclaw.daemon..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..")
                .because("nothing below zeroclaw-daemon knows Guice; those modules are plain Java built with new"));
    }

    @Test
    void noFieldInjection() {
        check(GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION
                .because("dependencies arrive through constructors, checked with requireNonNull"));
    }

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(true).check(product);
    }
}
