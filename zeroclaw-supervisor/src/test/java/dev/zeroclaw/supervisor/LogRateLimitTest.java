package dev.zeroclaw.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zeroclaw.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-server log limit, on a manual clock: a flood is cut to a burst, and the next line says how much was left out. */
class LogRateLimitTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final LogRateLimit limit = new LogRateLimit(100, Duration.ofSeconds(10), () -> clock.now().toNanos());

    @Test
    void aFloodLogsOneBurstThenNothingUntilTheBucketRefills() {
        List<Long> answers = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            answers.add(limit.admit());
        }

        assertThat(answers.subList(0, 100)).containsOnly(0L);
        assertThat(answers.subList(100, answers.size())).containsOnly(LogRateLimit.SUPPRESS);
    }

    @Test
    void theFirstLineAfterAPauseReportsHowManyWereSuppressedOnceOnly() {
        for (int i = 0; i < 100 + 250; i++) {
            limit.admit();
        }

        clock.advance(Duration.ofMillis(100));

        assertThat(limit.admit()).as("one line earned back, preceded by the count").isEqualTo(250);
        assertThat(limit.admit()).as("none earned yet").isEqualTo(LogRateLimit.SUPPRESS);
        clock.advance(Duration.ofMillis(100));
        assertThat(limit.admit()).isEqualTo(1);
        clock.advance(Duration.ofMillis(100));
        assertThat(limit.admit()).isZero();
    }

    @Test
    void theCountAtAFloodsEndIsTakenOnceAndNotReportedAgainByTheNextLine() {
        for (int i = 0; i < 100 + 40; i++) {
            limit.admit();
        }

        assertThat(limit.takeSuppressed()).isEqualTo(40);
        assertThat(limit.takeSuppressed()).isZero();
        clock.advance(Duration.ofMillis(100));
        assertThat(limit.admit()).as("the next line has nothing left to report").isZero();
    }

    @Test
    void aQuietServerGetsItsWholeBurstBackButNoMore() {
        for (int i = 0; i < 100; i++) {
            limit.admit();
        }

        clock.advance(Duration.ofHours(1));

        int logged = 0;
        for (int i = 0; i < 1_000; i++) {
            if (limit.admit() != LogRateLimit.SUPPRESS) {
                logged++;
            }
        }
        assertThat(logged).isEqualTo(100);
    }

    @Test
    void aSteadyTrickleUnderTheRateIsNeverSuppressed() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(limit.admit()).isZero();
            clock.advance(Duration.ofMillis(100));
        }
    }

    @Test
    void describesItselfForTheReportLine() {
        assertThat(limit.describe()).isEqualTo("more than 100 per 10 s");
    }
}
