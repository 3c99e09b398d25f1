package dev.zeroclaw.daemon.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.google.inject.Guice;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import dev.zeroclaw.process.ProcessGroup;
import dev.zeroclaw.process.ProcessIdentity;
import dev.zeroclaw.process.ProcessIo;
import dev.zeroclaw.process.Subreaper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The module map of docs/architecture.md, as rules the build enforces: one rule per allowed arrow. */
class LayeringTest {

    /**
     * Each module's root package and the modules of ours it may use. Anything of ours not listed
     * is forbidden; the daemon, which wires them all, may use every module below it.
     */
    private static final Map<String, Set<String>> ARROWS = arrows();

    private static Map<String, Set<String>> arrows() {
        Map<String, Set<String>> arrows = new LinkedHashMap<>();
        arrows.put("api", Set.of());
        arrows.put("config", Set.of("api"));
        arrows.put("diff", Set.of("api"));
        arrows.put("process", Set.of("api"));
        arrows.put("signal", Set.of());
        arrows.put("transport", Set.of("api"));
        arrows.put("oauth", Set.of("api"));
        arrows.put("mcp", Set.of("api"));
        arrows.put("plugins", Set.of("api"));
        arrows.put("supervisor", Set.of("api", "mcp", "plugins", "diff", "process"));
        arrows.put("gateway", Set.of("api", "mcp", "supervisor"));
        arrows.put("telemetry", Set.of("api", "diff", "mcp", "gateway"));
        arrows.put("testing", Set.of("api", "plugins"));
        arrows.put("examples", Set.of("api"));
        arrows.put("daemon", Set.of("api", "config", "diff", "process", "signal", "mcp", "plugins", "supervisor", "gateway",
                "telemetry", "oauth"));
        return arrows;
    }

    private static JavaClasses product;

    @BeforeAll
    static void importProductClasses() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // test fixtures of other modules
                .importPackages("dev.zeroclaw");
    }

    static Stream<String> modules() {
        return ARROWS.keySet().stream().filter(module -> !module.equals("examples"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void theModuleIsOnTheClassPath(String module) {
        // Guards the rules below against passing because a module's classes were not imported.
        classes().that().resideInAPackage("dev.zeroclaw." + module + "..")
                .should().resideInAPackage("dev.zeroclaw..")
                .allowEmptyShould(false)
                .check(product);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void theModuleUsesOnlyTheModulesItsArrowsAllow(String module) {
        Set<String> allowed = ARROWS.get(module);
        String[] forbidden = ARROWS.keySet().stream()
                .filter(other -> !other.equals(module) && !allowed.contains(other))
                .map(other -> "dev.zeroclaw." + other + "..")
                .toArray(String[]::new);
        check(noClasses().that().resideInAPackage("dev.zeroclaw." + module + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because("zeroclaw-" + module + " may use " + (allowed.isEmpty() ? "no other module of ours" : allowed)
                        + " (docs/architecture.md, the module map)"));
    }

    @Test
    void noModuleDependsOnAnotherInACycle() {
        check(slices().matching("dev.zeroclaw.(*)..").should().beFreeOfCycles()
                .because("the modules form a layered map, each arrow pointing down"));
    }

    @Test
    void noPackageDependsOnAnotherInACycle() {
        for (String module : List.of("daemon", "gateway", "supervisor", "plugins", "config", "transport")) {
            check(slices().matching("dev.zeroclaw." + module + ".(*)..").should().beFreeOfCycles()
                    .because("inside zeroclaw-" + module + " the packages are layered too"));
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
                .resideInAnyPackage("dev.zeroclaw.config..", "dev.zeroclaw.api..", "java..", "javax.crypto..", "org.tomlj..")
                .because("zeroclaw-config may depend on zeroclaw-api, its TOML parser and the JDK's ciphers (upstream's"
                        + " enc2: secrets) only"));
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
    void theHttpTransportsAreWrittenLikePlugins() {
        check(classes().that().resideInAPackage("dev.zeroclaw.transport..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.zeroclaw.transport..", "dev.zeroclaw.api..", "java..", "javax.net.ssl..",
                        "com.fasterxml.jackson.core..")
                .because("zeroclaw-transport-http depends on the SPI, the JDK and jackson-core's parser only, like a plugin"));
    }

    @Test
    void transportsAreFoundThroughTheSpiAlone() {
        check(noClasses().that().resideInAnyPackage("dev.zeroclaw.daemon..", "dev.zeroclaw.supervisor..",
                        "dev.zeroclaw.plugins..", "dev.zeroclaw.gateway..", "dev.zeroclaw.mcp..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(
                                "dev.zeroclaw.process..", "dev.zeroclaw.transport..", "dev.zeroclaw.examples..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(ProcessGroup.class, ProcessIdentity.class,
                                ProcessIo.class, Subreaper.class))))
                .because("built-in and plugin transports alike are found with ServiceLoader and used through zeroclaw-api;"
                        + " zeroclaw-process is used only to stop the process groups a SIGKILLed predecessor left"
                        + ", to make the daemon a subreaper and to log how stdio servers' pipes are served"));
    }

    @Test
    void guiceStaysInTheDaemon() {
        check(noClasses().that().resideOutsideOfPackage("dev.zeroclaw.daemon..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..")
                .because("nothing below zeroclaw-daemon knows Guice; those modules are plain Java built with new"));
    }

    @Test
    void everyInjectorIsMadeByBootstrap() {
        check(noClasses().that().resideOutsideOfPackage("dev.zeroclaw.daemon.wiring..")
                .should().dependOnClassesThat().belongToAnyOf(Guice.class)
                .orShould().callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("createChildInjector")))
                .because("Bootstrap sets the injector options once (Stage.PRODUCTION, explicit bindings, no circular"
                        + " proxies); the daemon's injector comes from DaemonFactory, never from an injected Injector"));
    }

    @Test
    void noConstructorStartsAThread() {
        DescribedPredicate<JavaCall<?>> threadStartInAConstructor = DescribedPredicate.describe("Thread.start() in a constructor",
                call -> call.getOrigin() instanceof JavaConstructor && call.getName().equals("start")
                        && call.getTargetOwner().isAssignableTo(Thread.class));
        check(noClasses().that().resideInAPackage("dev.zeroclaw.daemon..")
                .should().callMethodWhere(threadStartInAConstructor)
                .because("services start in their start step, in the order the daemon's LifeCycleManager runs them"));
    }

    @Test
    void jettyStaysInTheGateway() {
        check(noClasses().that().resideOutsideOfPackage("dev.zeroclaw.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..")
                .because("the HTTP server is the gateway's own business; the daemon starts and stops it through GatewayServer"));
    }

    @Test
    void openTelemetryStaysInItsOwnPackage() {
        check(noClasses().that().resideOutsideOfPackage("dev.zeroclaw.telemetry.otel..")
                .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..")
                .because("with [mcp.telemetry] off no OpenTelemetry class may load: only the provider found through"
                        + " ServiceLoader when it is on uses them (TelemetryIT checks the class loading)"));
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
