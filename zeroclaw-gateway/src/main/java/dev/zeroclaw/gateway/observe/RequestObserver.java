package dev.zeroclaw.gateway.observe;

import java.util.List;

/**
 * Hears every client request the gateway answers (not {@code initialize}). Called on the thread
 * that received the request; an implementation must not block it (the audit log queues, an
 * OpenTelemetry span is in memory).
 */
@FunctionalInterface
public interface RequestObserver {

    /** Observes nothing, at the cost of a virtual call. */
    RequestObserver NONE = request -> ObservedRequest.NONE;

    /** A request begins; the answer says what hears the rest of it. */
    ObservedRequest start(ClientRequest request);

    /** Each of {@code observers}, in order; {@link #NONE} when there is none. */
    static RequestObserver all(List<RequestObserver> observers) {
        List<RequestObserver> each = observers.stream().filter(observer -> observer != NONE).toList();
        if (each.isEmpty()) {
            return NONE;
        }
        if (each.size() == 1) {
            return each.get(0);
        }
        return request -> ObservedRequest.all(each.stream().map(observer -> observer.start(request)).toList());
    }
}
