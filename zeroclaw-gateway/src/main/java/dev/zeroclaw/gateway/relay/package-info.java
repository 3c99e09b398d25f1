/**
 * What goes from a server back to the client whose call is in flight there: the server's
 * requests (sampling, elicitation, roots), progress and log messages; and the client's answers
 * and cancellations on the way back. Uses {@code session} only.
 */
package dev.zeroclaw.gateway.relay;
