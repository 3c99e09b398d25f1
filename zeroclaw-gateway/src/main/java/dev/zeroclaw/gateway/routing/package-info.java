/**
 * Call routing: the names clients see ({@code <server>__<name>}, {@code zeroclaw://<server>/<uri>}),
 * the route of a call to its server's serving instance (waiting for READY when the server is
 * between instances), the errors a client hears, and resource subscriptions, which are routed the
 * same way. Uses {@code relay}, {@code session} and {@code metrics}.
 */
package dev.zeroclaw.gateway.routing;
