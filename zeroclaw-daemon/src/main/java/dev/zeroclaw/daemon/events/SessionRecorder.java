package dev.zeroclaw.daemon.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zeroclaw.gateway.session.GatewaySession;
import dev.zeroclaw.gateway.session.GatewaySessions;

/**
 * Gateway sessions opening and closing, as events. A session is named by the first 8 characters of
 * its id, as the log names it: the whole id lets whoever holds it speak in that session. Never the
 * gateway's token.
 */
public final class SessionRecorder implements GatewaySessions.Listener {

    /** How much of a session's id an event shows. */
    public static final int SHOWN_ID_CHARS = 8;

    private final EventLog events;

    public SessionRecorder(EventLog events) {
        this.events = requireNonNull(events, "events is null");
    }

    @Override
    public void opened(GatewaySession session) {
        events.record("session_opened", fields(session));
    }

    @Override
    public void closed(GatewaySession session) {
        events.record("session_closed", fields(session));
    }

    private static ObjectNode fields(GatewaySession session) {
        String id = session.id();
        return JsonNodeFactory.instance.objectNode()
                .put("session", id.substring(0, Math.min(SHOWN_ID_CHARS, id.length())))
                .put("client", session.clientName());
    }
}
