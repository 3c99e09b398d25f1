package dev.zeroclaw.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The event-stream parser, case by case as the WHATWG standard describes it. */
class SseEventReaderTest {

    @Test
    void eventsEndAtAnEmptyLineAndDataLinesAreJoinedWithLineFeeds() throws IOException {
        assertThat(events("data: first\ndata: second\n\ndata: third\n\n"))
                .containsExactly(message("first\nsecond"), message("third"));
    }

    @Test
    void lfEndsLines() throws IOException {
        assertThat(events("data: a\ndata: b\n\n")).containsExactly(message("a\nb"));
    }

    @Test
    void crLfEndsLines() throws IOException {
        assertThat(events("data: a\r\ndata: b\r\n\r\n")).containsExactly(message("a\nb"));
    }

    @Test
    void aLoneCrEndsLines() throws IOException {
        assertThat(events("data: c\rdata: d\r\r")).containsExactly(message("c\nd"));
    }

    @Test
    void mixedLineEndsInOneStreamAreEachOneLineEnd() throws IOException {
        // CR CR is two line ends (an empty line), LF CR too; only CR LF is one.
        assertThat(events("data: a\r\ndata: b\n\rdata: c\r\rdata: d\r\n\n"))
                .containsExactly(message("a\nb"), message("c"), message("d"));
    }

    @Test
    void aCrBeforeTheEndOfTheStreamEndsTheLastLine() throws IOException {
        assertThat(events("data: x\r\r")).containsExactly(message("x"));
        assertThat(events("data: x\r")).isEmpty();
    }

    @Test
    void aCrLfSplitAcrossReadsIsOneLineEnd() throws IOException {
        byte[] bytes = "data: a\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new InputStream() { // one byte per read: every CR ends a read
            private int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (next == bytes.length) {
                    return -1;
                }
                buffer[offset] = bytes[next++];
                return 1;
            }
        };
        SseEventReader reader = new SseEventReader(trickle, 1024);

        assertThat(reader.next()).contains(message("a\nb"));
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void eventTypeIdAndRetryAreRead() throws IOException {
        SseEventReader reader = reader("event: endpoint\nid: 7\nretry: 2500\ndata: /message?sessionId=1\n\n");

        assertThat(reader.next()).contains(new SseEvent("endpoint", "/message?sessionId=1", Optional.of("7")));
        assertThat(reader.lastEventId()).contains("7");
        assertThat(reader.retryMillis()).hasValue(2500);
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDroppedAndAFieldWithoutColonHasAnEmptyValue() throws IOException {
        assertThat(events("data:no space\n\ndata:  two spaces\n\ndata\n\n"))
                .containsExactly(message("no space"), message(" two spaces"), message(""));
    }

    @Test
    void commentsUnknownFieldsAndAnEventWithoutDataAreSkipped() throws IOException {
        assertThat(events(": keep-alive\nfoo: bar\n\nevent: ping\n\ndata: kept\n\n")).containsExactly(message("kept"));
    }

    @Test
    void aPrimingEventHasAnIdAndEmptyData() throws IOException {
        SseEventReader reader = reader("id: p1\ndata: \n\n");

        assertThat(reader.next()).contains(new SseEvent("message", "", Optional.of("p1")));
    }

    @Test
    void anEventCutShortByTheEndOfTheStreamIsDropped() throws IOException {
        assertThat(events("data: whole\n\ndata: cut short\n")).containsExactly(message("whole"));
        assertThat(events("data: no line end")).isEmpty();
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() throws IOException {
        assertThat(events("\uFEFFdata: x\n\n")).containsExactly(message("x"));
    }

    @Test
    void aRetryThatIsNotDigitsAndAnIdWithNulAreIgnored() throws IOException {
        SseEventReader reader = reader("id: good\nretry: soon\ndata: x\n\nid: b\u0000ad\ndata: y\n\n");

        reader.next();
        reader.next();
        assertThat(reader.lastEventId()).contains("good");
        assertThat(reader.retryMillis()).isEmpty();
    }

    @Test
    void multiByteUtf8IsDecoded() throws IOException {
        assertThat(events("data: {\"text\":\"héllo ✓\"}\n\n")).containsExactly(message("{\"text\":\"héllo ✓\"}"));
    }

    @Test
    void aLineLongerThanTheBoundIsAnError() {
        SseEventReader reader = new SseEventReader(stream("data: " + "x".repeat(100) + "\n\n"), 64);

        assertThatThrownBy(reader::next).isInstanceOf(MalformedFrameException.class)
                .hasMessage("a line of an event stream is longer than 64 characters")
                .extracting(e -> ((MalformedFrameException) e).problem()).isEqualTo(MalformedFrameException.Problem.TOO_LONG);
    }

    @Test
    void anEventLongerThanTheBoundIsAnErrorEvenWhenEachLineFits() {
        SseEventReader reader = new SseEventReader(stream("data: 0123456789\n".repeat(10) + "\n"), 64);

        assertThatThrownBy(reader::next).isInstanceOf(MalformedFrameException.class)
                .hasMessage("an event is longer than 64 characters");
    }

    @Test
    void aLineAndAnEventOfExactlyTheBoundAreAccepted() throws IOException {
        // "data:" and 59 characters make a line of 64; two data lines of 31, each with its line feed, an event of 64.
        SseEventReader reader = new SseEventReader(stream("data:" + "x".repeat(59) + "\n\n"
                + ("data:" + "y".repeat(31) + "\n").repeat(2) + "\n"), 64);

        assertThat(reader.next()).contains(message("x".repeat(59)));
        assertThat(reader.next()).contains(message("y".repeat(31) + "\n" + "y".repeat(31)));
    }

    @Test
    void theBoundHoldsWhateverTheLineEnd() {
        for (String end : List.of("\n", "\r", "\r\n")) {
            SseEventReader reader = new SseEventReader(stream(("data: 0123456789" + end).repeat(10) + end), 64);

            assertThatThrownBy(reader::next).as(end.replace("\r", "CR").replace("\n", "LF"))
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("longer than 64");
        }
    }

    private static SseEvent message(String data) {
        return new SseEvent("message", data, Optional.empty());
    }

    private static List<SseEvent> events(String stream) throws IOException {
        SseEventReader reader = reader(stream);
        List<SseEvent> events = new ArrayList<>();
        for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
            events.add(event.get());
        }
        return events;
    }

    private static SseEventReader reader(String stream) {
        return new SseEventReader(stream(stream), 1024 * 1024);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
