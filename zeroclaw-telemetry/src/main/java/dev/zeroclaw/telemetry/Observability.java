package dev.zeroclaw.telemetry;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.AuditSettings;
import dev.zeroclaw.api.DaemonSettings;
import dev.zeroclaw.gateway.observe.ClientRequest;
import dev.zeroclaw.gateway.observe.ObservedRequest;
import dev.zeroclaw.gateway.observe.RequestObserver;
import dev.zeroclaw.telemetry.audit.AuditLog;
import dev.zeroclaw.telemetry.audit.AuditTrail;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log and OpenTelemetry, as the daemon's configuration asks for them when it starts
 * ({@link #open}); until then, and with both off, every request and reload goes unobserved at the
 * cost of a volatile read. A reload that changes {@code [mcp.telemetry]} or {@code [mcp.audit]}
 * takes effect at the next start (the report warns).
 */
public final class Observability implements RequestObserver, ReloadObserver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Observability.class);

    private final ObservabilitySources sources;
    // Written once by open() before the gateway listens, read by request and reload threads.
    private volatile RequestObserver requests = RequestObserver.NONE;
    private volatile ReloadObserver reloads = ReloadObserver.NONE;
    private volatile Optional<Telemetry> telemetry = Optional.empty();
    private volatile Optional<AuditLog> audit = Optional.empty();
    private volatile boolean telemetryEnabled;
    private volatile Optional<AuditSettings> auditSettings = Optional.empty();

    public Observability(ObservabilitySources sources) {
        this.sources = requireNonNull(sources, "sources is null");
    }

    /**
     * Opens what {@code settings} ask for. The audit log's file must be writable, and OpenTelemetry's
     * {@code OTEL_*} settings valid: otherwise the daemon does not start, and the exception says why.
     */
    public synchronized void open(DaemonSettings settings) throws IOException {
        List<RequestObserver> requestObservers = new ArrayList<>();
        List<ReloadObserver> reloadObservers = new ArrayList<>();
        if (settings.audit().isPresent()) {
            AuditSettings auditSettings = settings.audit().get();
            AuditLog opened = AuditLog.open(auditSettings, sources.counters());
            audit = Optional.of(opened);
            AuditTrail trail = new AuditTrail(opened, auditSettings.logArguments(), sources);
            requestObservers.add(trail);
            reloadObservers.add(trail);
            log.info("audit log path={} log_arguments={} max_file_bytes={} max_files={}", auditSettings.path(),
                    auditSettings.logArguments(), auditSettings.maxFileBytes(), auditSettings.maxFiles());
        }
        if (settings.telemetryEnabled()) {
            Telemetry opened;
            try {
                opened = openTelemetry();
            } catch (IOException e) {
                // The daemon does not start: the audit log's thread and file go with it.
                close();
                throw e;
            }
            telemetry = Optional.of(opened);
            requestObservers.add(opened.requests());
            reloadObservers.add(opened.reloads());
            log.info("telemetry OpenTelemetry on (OTEL_* environment variables)");
        }
        this.telemetryEnabled = settings.telemetryEnabled();
        this.auditSettings = settings.audit();
        requests = RequestObserver.all(requestObservers);
        reloads = reloadObservers.isEmpty() ? ReloadObserver.NONE : ReloadObserver.all(reloadObservers);
    }

    private Telemetry openTelemetry() throws IOException {
        Optional<TelemetryProvider> provider = ServiceLoader.load(TelemetryProvider.class, Observability.class.getClassLoader())
                .findFirst();
        if (provider.isEmpty()) {
            throw new IOException("[mcp.telemetry] enabled = true, but this zeroclaw has no OpenTelemetry (zeroclaw-telemetry's"
                    + " provider is missing from its class path)");
        }
        try {
            return provider.get().open(sources.serviceVersion());
        } catch (RuntimeException e) {
            throw new IOException("OpenTelemetry could not start (" + e.getMessage() + "); check the OTEL_* environment variables", e);
        }
    }

    /** Why {@code next} (a reloaded configuration) is not what runs, for the reload's warnings; empty when it is. */
    public Optional<String> unapplied(DaemonSettings next) {
        List<String> changed = new ArrayList<>();
        if (next.telemetryEnabled() != telemetryEnabled) {
            changed.add("[mcp.telemetry]");
        }
        if (!next.audit().equals(auditSettings)) {
            changed.add("[mcp.audit]");
        }
        return changed.isEmpty() ? Optional.empty()
                : Optional.of(String.join(" and ", changed) + " changed; that applies when the daemon restarts");
    }

    @Override
    public ObservedRequest start(ClientRequest request) {
        return requests.start(request);
    }

    @Override
    public ReloadObservation begin(long id, String trigger) {
        return reloads.begin(id, trigger);
    }

    /** A server entered {@code state}; counted when telemetry is on. */
    public void stateChanged(String server, String state) {
        Optional<Telemetry> on = telemetry;
        if (on.isPresent()) {
            on.get().stateChanged(server, state);
        }
    }

    /** Flushes and closes: the audit log's queued lines, OpenTelemetry's pending spans and metrics. */
    @Override
    public synchronized void close() {
        requests = RequestObserver.NONE;
        reloads = ReloadObserver.NONE;
        audit.ifPresent(AuditLog::close);
        telemetry.ifPresent(Telemetry::close);
        audit = Optional.empty();
        telemetry = Optional.empty();
    }
}
