package dev.zeroclaw.api.wire;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a {@code text/event-stream} as the WHATWG HTML standard parses one ("Server-sent events",
 * interpreting an event stream): UTF-8, a leading byte-order mark skipped, lines ended by CRLF, LF
 * or CR, comments skipped, {@code data} lines joined, an event dispatched at an empty line, an
 * event cut short by the end of the stream dropped.
 *
 * <p>Bounded: a line or an event longer than {@code maxEventChars} characters is a
 * {@link MalformedFrameException} ({@link MalformedFrameException.Problem#TOO_LONG TOO_LONG}), so a
 * broken or hostile server cannot make its reader hold an unbounded text; the stream is then to be
 * dropped. Bytes that are not UTF-8 are decoded as U+FFFD, as the standard says.
 * One reader per stream, used by one thread.
 */
public final class SseEventReader implements Closeable {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader reader;
    private final int maxEventChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean atStart = true;
    private boolean afterCarriageReturn;

    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventId;
    private long retryMillis = -1;

    /**
     * @param in the response body, read as it arrives
     * @param maxEventChars the longest line, and the longest event's data, accepted
     */
    public SseEventReader(InputStream in, int maxEventChars) {
        this.reader = new InputStreamReader(requireNonNull(in, "in is null"), StandardCharsets.UTF_8);
        if (maxEventChars < 1) {
            throw new IllegalArgumentException("maxEventChars must be positive");
        }
        this.maxEventChars = maxEventChars;
    }

    /**
     * The next dispatched event; empty at the end of the stream.
     *
     * @throws MalformedFrameException when a line or an event is longer than the bound
     */
    public Optional<SseEvent> next() throws IOException {
        while (true) {
            if (!readLine()) {
                return Optional.empty();
            }
            if (line.length() == 0) {
                Optional<SseEvent> event = dispatch();
                if (event.isPresent()) {
                    return event;
                }
            } else {
                field();
            }
        }
    }

    /** The last event id the stream set, for a reconnection's {@code Last-Event-ID}. */
    public Optional<String> lastEventId() {
        return Optional.ofNullable(lastEventId);
    }

    /** The reconnection time the stream asked for with {@code retry}, in milliseconds. */
    public OptionalLong retryMillis() {
        return retryMillis < 0 ? OptionalLong.empty() : OptionalLong.of(retryMillis);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private Optional<SseEvent> dispatch() {
        String type = eventType.isEmpty() ? "message" : eventType;
        eventType = "";
        if (data.length() == 0) {
            return Optional.empty();
        }
        data.setLength(data.length() - 1); // the line feed after the last data line
        SseEvent event = new SseEvent(type, data.toString(), Optional.ofNullable(lastEventId));
        data.setLength(0);
        return Optional.of(event);
    }

    private void field() throws IOException {
        if (line.charAt(0) == ':') {
            return; // a comment, often a keep-alive
        }
        int colon = line.indexOf(":");
        String name = colon < 0 ? line.toString() : line.substring(0, colon);
        int valueStart = colon < 0 ? line.length() : colon + 1;
        if (valueStart < line.length() && line.charAt(valueStart) == ' ') {
            valueStart++;
        }
        switch (name) {
            case "data" -> {
                if (data.length() + line.length() - valueStart + 1 > maxEventChars) {
                    throw MalformedFrameException.tooLong("an event", maxEventChars, "characters");
                }
                data.append(line, valueStart, line.length()).append('\n');
            }
            case "event" -> eventType = line.substring(valueStart);
            case "id" -> {
                String id = line.substring(valueStart);
                if (id.indexOf('\0') < 0) {
                    lastEventId = id;
                }
            }
            case "retry" -> {
                String value = line.substring(valueStart);
                if (!value.isEmpty() && value.length() < 10 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    retryMillis = Long.parseLong(value);
                }
            }
            default -> { } // unknown fields are ignored
        }
    }

    /** Reads one line into {@link #line}, without its end; false at the end of the stream. */
    private boolean readLine() throws IOException {
        line.setLength(0);
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    return false; // a last line without its end belongs to an unfinished event: dropped
                }
            }
            char c = buffer[position++];
            if (atStart) {
                atStart = false;
                if (c == BYTE_ORDER_MARK) {
                    continue;
                }
            }
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (c == '\n') {
                    continue; // the LF of a CRLF
                }
            }
            if (c == '\r' || c == '\n') {
                afterCarriageReturn = c == '\r';
                return true;
            }
            if (line.length() == maxEventChars) {
                throw MalformedFrameException.tooLong("a line of an event stream", maxEventChars, "characters");
            }
            line.append(c);
        }
    }
}
