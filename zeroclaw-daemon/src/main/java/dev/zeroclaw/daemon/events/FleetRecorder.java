package dev.zeroclaw.daemon.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.daemon.logs.ServerLogs;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import dev.zeroclaw.supervisor.SupervisorContext.StateListener;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Hears the supervisors for {@code zeroclaw events} (state changes, the lists a server says
 * changed), {@code zeroclaw logs} (instances and their lines) and the start history of
 * {@code zeroclaw status <server>} ({@link ServerStarts}), then passes everything on to
 * {@code next}, the gateway's listener. Never blocks, as the supervisors require.
 */
public final class FleetRecorder implements StateListener {

    private static final Map<String, String> CHANGED_LISTS = Map.of(
            "notifications/tools/list_changed", "tools",
            "notifications/prompts/list_changed", "prompts",
            "notifications/resources/list_changed", "resources");

    private final StateListener next;
    private final EventLog events;
    private final ServerLogs logs;
    private final ServerStarts starts;

    public FleetRecorder(StateListener next, EventLog events, ServerLogs logs, ServerStarts starts) {
        this.next = requireNonNull(next, "next is null");
        this.events = requireNonNull(events, "events is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.starts = requireNonNull(starts, "starts is null");
    }

    @Override
    public void changed(ServerStatus status, ServerState previous) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode()
                .put("server", status.name())
                .put("state", status.state().name())
                .put("previous", previous.name());
        if (status.pid().isPresent()) {
            fields.put("pid", status.pid().getAsLong());
        } else {
            fields.putNull("pid");
        }
        if (status.state() == ServerState.FAILED || status.state() == ServerState.BACKOFF
                || status.state() == ServerState.NEEDS_AUTH) {
            fields.put("error", status.lastError());
        }
        events.record("server_state", fields);
        starts.changed(status, previous);
        next.changed(status, previous);
    }

    @Override
    public void notified(String server, String method, JsonNode params) {
        String list = CHANGED_LISTS.get(method);
        if (list != null) {
            events.record("list_changed", JsonNodeFactory.instance.objectNode().put("server", server).put("list", list));
        }
        next.notified(server, method, params);
    }

    @Override
    public void updated(ServerSpec before, ServerSpec after) {
        next.updated(before, after);
    }

    @Override
    public void launched(String server, long instance, OptionalLong pid) {
        logs.launched(server, instance, pid);
        starts.launched(server, instance, pid);
        next.launched(server, instance, pid);
    }

    @Override
    public void said(String server, long instance, OptionalLong pid, String line) {
        logs.said(server, instance, pid, line);
        next.said(server, instance, pid, line);
    }
}
