/**
 * The gateway's one seam for whoever watches its requests (the audit log, OpenTelemetry): a
 * {@link dev.zeroclaw.gateway.observe.RequestObserver} hears each client request start and end, and
 * each call it makes to a server for it. Nothing here knows who listens.
 */
package dev.zeroclaw.gateway.observe;
