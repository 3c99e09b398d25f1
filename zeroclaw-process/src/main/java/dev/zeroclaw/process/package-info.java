/** Child processes: process groups, the stop sequence, reaping, backoff; the built-in stdio transport. */
package dev.zeroclaw.process;
