package dev.zeroclaw.daemon.run;

/**
 * The parts of a daemon that reach outside its own JVM. {@code zeroclaw daemon} runs them all; an
 * embedded daemon (benchmarks, tests) runs those it is asked for, so that it holds no port, lock
 * or signal handler of the process it lives in.
 */
public enum HostService {
    /** The pid file's lock, the control socket and the record of server process groups, in the runtime directory. */
    RUNTIME_DIRECTORY,
    /** SIGHUP reloads, SIGTERM and SIGINT stop. */
    SIGNALS,
    /** The MCP endpoint clients connect to. */
    GATEWAY,
    /** The config file watcher, which acts while {@code auto_reload = true}. */
    CONFIG_WATCH
}
