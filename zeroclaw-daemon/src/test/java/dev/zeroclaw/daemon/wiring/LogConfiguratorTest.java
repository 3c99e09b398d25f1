package dev.zeroclaw.daemon.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The logging the daemon had from its logback.xml, now set up in code. */
class LogConfiguratorTest {

    @Test
    void logbackFindsItAndLogsOneLinePerEventToStderr() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LogConfigurator.class);
        LoggerContext context = new LoggerContext();

        Configurator.ExecutionStatus status = new LogConfigurator().configure(context);

        assertThat(status).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (System.getenv("ZEROCLAW_LOG_LEVEL") == null && System.getProperty("ZEROCLAW_LOG_LEVEL") == null) {
            assertThat(root.getLevel()).isEqualTo(Level.INFO);
        }
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<ILoggingEvent> appender = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.getTarget()).isEqualTo("System.err");
        assertThat(((PatternLayoutEncoder) appender.getEncoder()).getPattern())
                .isEqualTo("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0} - %msg%n");
        context.stop();
    }

    @Test
    void anOperatorsConfigurationFileStillWins() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "/etc/zeroclaw/logback.xml");
        try {
            assertThat(new LogConfigurator().configure(new LoggerContext()))
                    .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
