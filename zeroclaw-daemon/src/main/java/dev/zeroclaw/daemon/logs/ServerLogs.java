package dev.zeroclaw.daemon.logs;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.daemon.follow.FollowQueue;
import dev.zeroclaw.daemon.follow.Following;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Each server's last stderr lines, for {@code zeroclaw logs} and the last line {@code status} shows
 * next to a failed server's error. Per server, across its last {@link #MAX_INSTANCES} instances, at
 * most {@link #MAX_LINES} lines and {@link #MAX_CHARS} characters (256 KiB of UTF-16); the oldest
 * go first. Every line the relay delivers is kept, also those the log's rate limit suppressed (they
 * are what an operator needs after a flood); the relay's own notices of lines it dropped are kept too.
 *
 * <p>Called on the servers' reader threads, which must never wait: each server's ring is guarded
 * by its own lock, held only to add or copy, and followers get lines through a {@link FollowQueue}.
 */
public final class ServerLogs {

    public static final int MAX_LINES = 500;
    public static final int MAX_CHARS = 128 * 1024;
    public static final int MAX_INSTANCES = 3;
    /** What {@code zeroclaw logs} shows without {@code -n}. */
    public static final int DEFAULT_LINES = 50;
    /** What one follower may have waiting before lines are dropped for it. */
    public static final int FOLLOWER_ITEMS = 1_000;
    public static final int FOLLOWER_CHARS = 256 * 1024;

    private final Clock clock;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    public ServerLogs(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A new instance has started. */
    public void launched(String server, long instance, OptionalLong pid) {
        ring(server).start(new InstanceStart(server, instance, pid, clock.instant()));
    }

    /** One line an instance said. */
    public void said(String server, long instance, OptionalLong pid, String line) {
        ring(server).add(new StderrLine(server, instance, pid, clock.instant(), line));
    }

    /** The last {@code lines} lines kept of {@code server}, each instance's lines after its start marker. */
    public List<LogEntry> tail(String server, int lines) {
        Ring ring = rings.get(server);
        return ring == null ? List.of() : ring.tail(lines);
    }

    /** The last line kept of {@code server}, whichever instance said it. */
    public Optional<StderrLine> last(String server) {
        Ring ring = rings.get(server);
        return ring == null ? Optional.empty() : ring.last();
    }

    /** The last {@code lines} lines of {@code server}, then its new lines and instance starts as they come. */
    public Following<LogEntry> follow(String server, int lines) {
        return ring(server).follow(lines);
    }

    /** Forgets servers not in {@code servers} (after a reload removed them), unless someone follows them. */
    public void retain(Set<String> servers) {
        rings.entrySet().removeIf(entry -> !servers.contains(entry.getKey()) && !entry.getValue().followed());
    }

    private Ring ring(String server) {
        return rings.computeIfAbsent(server, name -> new Ring());
    }

    /** One server's lines; every field guarded by {@code this}. */
    private final class Ring {

        private final Deque<StderrLine> lines = new ArrayDeque<>();
        private final Deque<InstanceStart> starts = new ArrayDeque<>();
        private final List<FollowQueue<LogEntry>> followers = new CopyOnWriteArrayList<>();
        private long chars;

        synchronized void start(InstanceStart start) {
            if (known(start.instance()).isPresent()) {
                return;
            }
            starts.addLast(start);
            while (starts.size() > MAX_INSTANCES) {
                long gone = starts.removeFirst().instance();
                lines.removeIf(line -> {
                    if (line.instance() == gone) {
                        chars -= line.line().length();
                        return true;
                    }
                    return false;
                });
            }
            tell(start);
        }

        synchronized void add(StderrLine line) {
            // A line may come before its instance's start is reported: the line starts the instance.
            if (known(line.instance()).isEmpty()) {
                if (!starts.isEmpty() && line.instance() < starts.peekFirst().instance() && starts.size() == MAX_INSTANCES) {
                    return; // an instance older than every one kept: its lines went already
                }
                start(new InstanceStart(line.server(), line.instance(), line.pid(), line.time()));
            }
            lines.addLast(line);
            chars += line.line().length();
            while (lines.size() > MAX_LINES || chars > MAX_CHARS) {
                chars -= lines.removeFirst().line().length();
            }
            tell(line);
        }

        synchronized List<LogEntry> tail(int count) {
            if (count <= 0) {
                return List.of();
            }
            List<StderrLine> kept = new ArrayList<>();
            Iterator<StderrLine> newestFirst = lines.descendingIterator();
            while (kept.size() < count && newestFirst.hasNext()) {
                kept.add(0, newestFirst.next());
            }
            List<LogEntry> entries = new ArrayList<>();
            long shown = -1;
            for (StderrLine line : kept) {
                if (line.instance() != shown) {
                    shown = line.instance();
                    known(shown).ifPresent(entries::add);
                }
                entries.add(line);
            }
            // Instances that started after the last line shown (and said nothing yet).
            long lastShown = shown;
            starts.stream().filter(start -> start.instance() > lastShown).forEach(entries::add);
            return entries;
        }

        synchronized Optional<StderrLine> last() {
            return Optional.ofNullable(lines.peekLast());
        }

        synchronized Following<LogEntry> follow(int count) {
            FollowQueue<LogEntry> live = new FollowQueue<>(FOLLOWER_ITEMS, FOLLOWER_CHARS,
                    dropped -> new DroppedLines(dropped, clock.instant()));
            followers.add(live);
            return new Following<>(tail(count), live, () -> followers.remove(live));
        }

        boolean followed() {
            return !followers.isEmpty();
        }

        private Optional<InstanceStart> known(long instance) {
            return starts.stream().filter(start -> start.instance() == instance).findFirst();
        }

        private void tell(LogEntry entry) {
            for (FollowQueue<LogEntry> follower : followers) {
                follower.offer(entry, entry.weight());
            }
        }
    }
}
