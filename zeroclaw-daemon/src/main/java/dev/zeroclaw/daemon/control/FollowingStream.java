package dev.zeroclaw.daemon.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zeroclaw.daemon.follow.Following;
import java.time.Duration;
import java.util.function.Function;

/** A stream whose first reply is a document of what was kept, then each live item as one JSON object. */
final class FollowingStream<T> implements ControlStream {

    private final Following<T> following;
    private final Function<T, JsonNode> asJson;
    // Confined to the connection's thread: the document, until it is sent.
    private JsonNode first;

    FollowingStream(JsonNode first, Following<T> following, Function<T, JsonNode> asJson) {
        this.first = requireNonNull(first, "first is null");
        this.following = requireNonNull(following, "following is null");
        this.asJson = requireNonNull(asJson, "asJson is null");
    }

    @Override
    public JsonNode next(Duration wait) throws InterruptedException {
        if (first != null) {
            JsonNode document = first;
            first = null;
            return document;
        }
        T item = following.live().poll(wait);
        return item == null ? null : asJson.apply(item);
    }

    @Override
    public void close() {
        following.close();
    }
}
