package dev.zeroclaw.signal;

/**
 * The signals the daemon answers: HUP reloads, TERM and INT stop. Each carries what an operator loses when the
 * daemon cannot handle it, so that a warning says so in the operator's terms.
 */
public enum DaemonSignal {
    HUP("kill -HUP and systemctl reload (Type=notify-reload) will not reload the configuration;"
                    + " `zeroclaw reload` still works",
            "SIGHUP ends the daemon at once instead of reloading it; use `zeroclaw reload`"),
    TERM("kill and systemctl stop will not stop the daemon (systemd ends it with SIGKILL after TimeoutStopSec);"
                    + " stop it with SIGINT",
            "SIGTERM ends the daemon at once, without stopping its servers in order"),
    INT("Ctrl-C will not stop the daemon; send SIGTERM",
            "Ctrl-C ends the daemon at once, without stopping its servers in order");

    private final String lossWhenIgnored;
    private final String lossWithDefaultAction;

    DaemonSignal(String lossWhenIgnored, String lossWithDefaultAction) {
        this.lossWhenIgnored = lossWhenIgnored;
        this.lossWithDefaultAction = lossWithDefaultAction;
    }

    /** The name as the operator knows it: {@code SIGHUP}. */
    public String signalName() {
        return "SIG" + name();
    }

    String lossWhenIgnored() {
        return lossWhenIgnored;
    }

    String lossWithDefaultAction() {
        return lossWithDefaultAction;
    }
}
