/** Followers of the daemon's streams ({@code zeroclaw logs -f}, {@code events -f}): bounded, never waited for. */
package dev.zeroclaw.daemon.follow;
