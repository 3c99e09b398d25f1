/** MCP authorization in the daemon: each remote server's transport gets its OAuth tokens from the state directory. */
package dev.zeroclaw.daemon.oauth;
