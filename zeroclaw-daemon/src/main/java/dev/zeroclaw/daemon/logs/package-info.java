/** {@code zeroclaw logs}: each server's last stderr lines, per instance, kept and followed. */
package dev.zeroclaw.daemon.logs;
