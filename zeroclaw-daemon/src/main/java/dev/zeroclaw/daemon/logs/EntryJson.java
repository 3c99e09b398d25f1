package dev.zeroclaw.daemon.logs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.OptionalLong;

/** The members every entry about one instance starts with. */
final class EntryJson {

    private EntryJson() {}

    static ObjectNode of(Instant time, String type, String server, long instance, OptionalLong pid) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("time", time.toString())
                .put("type", type)
                .put("server", server)
                .put("instance", instance);
        if (pid.isPresent()) {
            node.put("pid", pid.getAsLong());
        } else {
            node.putNull("pid");
        }
        return node;
    }
}
