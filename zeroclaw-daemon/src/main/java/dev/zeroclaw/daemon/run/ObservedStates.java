package dev.zeroclaw.daemon.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import dev.zeroclaw.supervisor.SupervisorContext;
import java.util.OptionalLong;
import java.util.function.BiConsumer;

/** The fleet's state listener, with each state change also counted by telemetry; everything else is passed on. */
final class ObservedStates implements SupervisorContext.StateListener {

    private final SupervisorContext.StateListener next;
    private final BiConsumer<String, String> entered;

    ObservedStates(SupervisorContext.StateListener next, BiConsumer<String, String> entered) {
        this.next = requireNonNull(next, "next is null");
        this.entered = requireNonNull(entered, "entered is null");
    }

    @Override
    public void changed(ServerStatus status, ServerState previous) {
        next.changed(status, previous);
        entered.accept(status.name(), status.state().name());
    }

    @Override
    public void notified(String server, String method, JsonNode params) {
        next.notified(server, method, params);
    }

    @Override
    public void updated(ServerSpec before, ServerSpec after) {
        next.updated(before, after);
    }

    @Override
    public void launched(String server, long instance, OptionalLong pid) {
        next.launched(server, instance, pid);
    }

    @Override
    public void said(String server, long instance, OptionalLong pid, String line) {
        next.said(server, instance, pid, line);
    }
}
