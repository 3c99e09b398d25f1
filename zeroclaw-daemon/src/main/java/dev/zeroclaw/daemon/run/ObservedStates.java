package dev.zeroclaw.daemon.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zeroclaw.api.ServerSpec;
import dev.zeroclaw.supervisor.ServerState;
import dev.zeroclaw.supervisor.ServerStatus;
import dev.zeroclaw.supervisor.SupervisorContext;
import java.util.function.BiConsumer;

/** The gateway's state listener, with each state change also counted by telemetry. */
final class ObservedStates implements SupervisorContext.StateListener {

    private final SupervisorContext.StateListener gateway;
    private final BiConsumer<String, String> entered;

    ObservedStates(SupervisorContext.StateListener gateway, BiConsumer<String, String> entered) {
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.entered = requireNonNull(entered, "entered is null");
    }

    @Override
    public void changed(ServerStatus status, ServerState previous) {
        gateway.changed(status, previous);
        entered.accept(status.name(), status.state().name());
    }

    @Override
    public void notified(String server, String method, JsonNode params) {
        gateway.notified(server, method, params);
    }

    @Override
    public void updated(ServerSpec before, ServerSpec after) {
        gateway.updated(before, after);
    }
}
