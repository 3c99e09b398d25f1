package dev.zeroclaw.gateway.observe;

/** The gateway's call to one server for a client's request, from the send to the server's answer. */
@FunctionalInterface
public interface ObservedCall {

    ObservedCall NONE = failure -> {};

    /** The server answered ({@code failure} null) or the call failed (timeout, error, the server gone). */
    void end(Throwable failure);
}
