package dev.zeroclaw.signal;

import java.nio.file.Path;

/**
 * A second daemon for {@link PidFileTest}: acquires the pid file of the runtime directory given as its argument.
 * Prints "acquired PID" and holds the file until its standard input ends, or prints "refused HOLDER MESSAGE" and
 * exits 3.
 */
final class PidFileProbe {

    static final int REFUSED = 3;

    private PidFileProbe() {
    }

    public static void main(String[] args) throws Exception {
        PidFile pidFile;
        try {
            pidFile = PidFile.acquire(new RuntimeDirectory(Path.of(args[0])));
        } catch (DaemonAlreadyRunningException e) {
            System.out.println("refused " + e.holderPid().orElse(-1) + " " + e.getMessage());
            System.out.flush();
            System.exit(REFUSED);
            return;
        }
        System.out.println("acquired " + pidFile.pid());
        System.out.flush();
        while (System.in.read() != -1) {
            // hold the pid file until the test lets go
        }
        pidFile.close();
        System.out.println("released");
    }
}
