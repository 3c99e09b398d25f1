package dev.zeroclaw.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;

/** Answers one control request; may block (a reload waits for its report). */
public interface ControlHandler {

    /** @param request {@code {"command": "status"}} and the like; returns the reply document */
    JsonNode handle(JsonNode request);
}
