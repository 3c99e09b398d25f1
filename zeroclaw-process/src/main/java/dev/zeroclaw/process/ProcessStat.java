package dev.zeroclaw.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} this module needs: who a process is, which group and
 * session it is in, and whether it has already exited.
 *
 * @param pid the process id (field 1)
 * @param command the executable's name as the kernel keeps it, at most 15 bytes (field 2)
 * @param state one letter: {@code R}, {@code S}, {@code D}, {@code Z} (zombie), ... (field 3)
 * @param parentPid field 4
 * @param processGroup field 5
 * @param session field 6
 * @param startTime clock ticks after boot at which the process started (field 22); with the pid it
 *     names one process, because a pid may be reused but not at the same instant
 */
record ProcessStat(
        long pid, String command, char state, long parentPid, long processGroup, long session, long startTime) {

    private static final Path PROC = Path.of("/proc");

    ProcessStat {
        requireNonNull(command, "command is null");
    }

    /** The process's current stat, or empty when there is no such process (any more). */
    static Optional<ProcessStat> read(long pid) {
        String line;
        try {
            line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
        } catch (IOException e) {
            // Gone before or while reading (ENOENT, or ESRCH on a process that exits mid-read).
            return Optional.empty();
        }
        return Optional.of(parse(line));
    }

    /** Parses one stat line. The command sits in parentheses and may itself contain spaces and ')'. */
    static ProcessStat parse(String line) {
        requireNonNull(line, "line is null");
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        String command = line.substring(open + 1, close);
        // rest[0] is field 3 (state); field n is rest[n - 3].
        String[] rest = line.substring(close + 1).trim().split(" ");
        if (rest.length < 20) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        return new ProcessStat(
                pid,
                command,
                rest[0].charAt(0),
                Long.parseLong(rest[1]),
                Long.parseLong(rest[2]),
                Long.parseLong(rest[3]),
                Long.parseLong(rest[19]));
    }

    /** Every process the kernel lists now; processes that vanish during the scan are left out. */
    static List<ProcessStat> all() {
        try (var entries = Files.list(PROC)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(ProcessStat::isPid)
                    .map(name -> read(Long.parseLong(name)))
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
    }

    /** Has exited but is not reaped yet: it runs nothing and cannot be signalled away. */
    boolean isZombie() {
        return state == 'Z' || state == 'X';
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
