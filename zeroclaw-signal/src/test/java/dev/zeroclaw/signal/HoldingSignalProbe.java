package dev.zeroclaw.signal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A daemon whose start is slow, for {@link SignalDispatcherTest}: holds the signals first thing and prints "holding";
 * the input line "install" installs the consumer (as the daemon does seconds later), which prints one line per signal.
 * TERM or INT makes it exit 0.
 */
final class HoldingSignalProbe {

    private HoldingSignalProbe() {
    }

    public static void main(String[] args) throws Exception {
        SignalDispatcher.holdUntilInstalled();
        say("holding");
        CountDownLatch stop = new CountDownLatch(1);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("install")) {
                    SignalDispatcher.install(signal -> {
                        say("signal " + signal);
                        if (signal != DaemonSignal.HUP) {
                            stop.countDown();
                        }
                    });
                    say("installed");
                    break;
                }
            }
        }
        stop.await();
        System.exit(0);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
