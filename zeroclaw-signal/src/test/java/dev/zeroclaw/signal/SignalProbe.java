package dev.zeroclaw.signal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A tiny daemon for {@link SignalDispatcherTest}: installs the dispatcher, prints its warnings, the handled signals
 * and "ready", then one line per signal received. TERM or INT makes it exit 0, as does the end of its standard input;
 * the input line "close" closes the dispatcher.
 */
final class SignalProbe {

    private SignalProbe() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        SignalDispatcher dispatcher = SignalDispatcher.install(signal -> {
            say("signal " + signal);
            if (signal != DaemonSignal.HUP) {
                stop.countDown();
            }
        });
        dispatcher.warnings().forEach(warning -> say("warning " + warning));
        say("handled " + dispatcher.handled());
        say("ready");

        Thread input = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals("close")) {
                        dispatcher.close();
                        say("closed");
                    }
                }
            } catch (Exception e) {
                say("input failed " + e);
            }
            stop.countDown();
        }, "probe-input");
        input.setDaemon(true);
        input.start();

        stop.await();
        say("exiting");
        System.exit(0);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
