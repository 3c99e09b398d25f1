package dev.zeroclaw.daemon.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * zeroclaw's logging, set up in code: Logback finds this through {@code ServiceLoader} before it looks
 * for a {@code logback.xml}. Reading an XML file costs the daemon's start a few hundred classes (an XML
 * parser and Logback's configuration model) and a noticeable share of its start (docs/benchmarks.md,
 * "Daemon start"). An operator's own file still wins: with {@code -Dlogback.configurationFile=FILE}
 * this steps aside.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** One event per line, on stderr: stdout belongs to command output (the JSON documents). */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        // Jetty's start-up banner and connector lines say nothing the gateway's own line does not.
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel());
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * {@code ZEROCLAW_LOG_LEVEL} (a system property, else the environment variable, as Logback's
     * {@code ${ZEROCLAW_LOG_LEVEL:-INFO}} reads it), INFO when unset; Logback's reading of a level
     * name, DEBUG for one it does not know, as before.
     */
    static Level rootLevel() {
        String level = System.getProperty("ZEROCLAW_LOG_LEVEL");
        if (level == null) {
            level = System.getenv("ZEROCLAW_LOG_LEVEL");
        }
        return level == null || level.isEmpty() ? Level.INFO : Level.toLevel(level.trim());
    }
}
