package dev.zeroclaw.daemon.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What /proc says about processes: the ground truth for "no process left behind". */
final class ProcessTable {

    private ProcessTable() {}

    /** Running (not a zombie, not gone). */
    static boolean alive(long pid) {
        String[] stat = stat(pid);
        return stat != null && !stat[2].equals("Z");
    }

    static boolean zombie(long pid) {
        String[] stat = stat(pid);
        return stat != null && stat[2].equals("Z");
    }

    /** Neither running nor a zombie: the kernel has no entry for it any more. */
    static boolean gone(long pid) {
        return stat(pid) == null;
    }

    /** The live children of {@code parent} that lead a session of their own (they called setsid). */
    static List<Long> childrenInOwnSession(long parent) {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(path -> path.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(name -> {
                        long pid = Long.parseLong(name);
                        String[] stat = stat(pid);
                        if (stat != null && !stat[2].equals("Z") && Long.parseLong(stat[3]) == parent
                                && Long.parseLong(stat[5]) == pid) {
                            children.add(pid);
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return children;
    }

    /** Every live process whose process group is {@code pgid}. */
    static List<Long> group(long pgid) {
        List<Long> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(path -> path.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(name -> {
                        long pid = Long.parseLong(name);
                        String[] stat = stat(pid);
                        if (stat != null && !stat[2].equals("Z") && Long.parseLong(stat[4]) == pgid) {
                            members.add(pid);
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return members;
    }

    /** Fields of /proc/PID/stat with the command name collapsed, so index 2 is the state, 3 the ppid, 4 the pgid, 5 the session. */
    private static String[] stat(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = text.lastIndexOf(')');
            String rest = text.substring(close + 2);
            String[] tail = rest.split(" ");
            String[] fields = new String[tail.length + 2];
            fields[0] = Long.toString(pid);
            fields[1] = "comm";
            System.arraycopy(tail, 0, fields, 2, tail.length);
            return fields;
        } catch (IOException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }
}
