/** Signals in (HUP, TERM, INT), sd_notify out, the pid file. */
package dev.zeroclaw.signal;
