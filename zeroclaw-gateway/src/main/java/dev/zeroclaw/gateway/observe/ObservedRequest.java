package dev.zeroclaw.gateway.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One client request, from {@link RequestObserver#start} to its answer. */
public interface ObservedRequest {

    ObservedRequest NONE = new ObservedRequest() {
        @Override
        public ObservedCall upstream(String server, long instance, String method, ObjectNode params) {
            return ObservedCall.NONE;
        }

        @Override
        public void end(JsonNode result, Throwable failure) {
            // Nothing observed.
        }
    };

    /**
     * The gateway sends the request on to {@code server}'s instance {@code instance}.
     *
     * @param params the params that server receives; the observer may add to their {@code _meta}
     *     (W3C trace context) and must change nothing else
     */
    ObservedCall upstream(String server, long instance, String method, ObjectNode params);

    /**
     * The request is answered: with {@code result}, or (then {@code result} is null) with
     * {@code failure}, an {@link dev.zeroclaw.mcp.McpError} or whatever else made it fail.
     */
    void end(JsonNode result, Throwable failure);

    /** Each of {@code requests}, in order. */
    static ObservedRequest all(List<ObservedRequest> requests) {
        return new ObservedRequest() {
            @Override
            public ObservedCall upstream(String server, long instance, String method, ObjectNode params) {
                List<ObservedCall> calls = requests.stream().map(request -> request.upstream(server, instance, method, params)).toList();
                return failure -> calls.forEach(call -> call.end(failure));
            }

            @Override
            public void end(JsonNode result, Throwable failure) {
                requests.forEach(request -> request.end(result, failure));
            }
        };
    }
}
