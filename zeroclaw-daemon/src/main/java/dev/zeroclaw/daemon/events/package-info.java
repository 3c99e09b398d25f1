/** {@code zeroclaw events}: the fleet's recent events, kept and followed. */
package dev.zeroclaw.daemon.events;
