package dev.zeroclaw.daemon.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowQueueTest {

    private final FollowQueue<String> queue = new FollowQueue<>(3, 100, dropped -> "dropped " + dropped);

    @Test
    void aFullQueueDropsNewItemsAndSaysHowManyWhereTheyWereMissing() throws InterruptedException {
        assertThat(queue.offer("a", 1)).isTrue();
        assertThat(queue.offer("b", 1)).isTrue();
        assertThat(queue.offer("c", 1)).isTrue();
        assertThat(queue.offer("d", 1)).isFalse();
        assertThat(queue.offer("e", 1)).isFalse();

        assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("b");
        assertThat(queue.offer("f", 1)).as("the notice and the item need two places").isTrue();

        assertThat(drain()).containsExactly("c", "dropped 2", "f");
        assertThat(queue.droppedTotal()).isEqualTo(2);
    }

    @Test
    void theWeightBoundsTooNotOnlyTheCount() throws InterruptedException {
        assertThat(queue.offer("big", 90)).isTrue();
        assertThat(queue.offer("more", 20)).isFalse();
        assertThat(queue.offer("small", 10)).isTrue();

        assertThat(drain()).containsExactly("big", "dropped 1", "small");
    }

    @Test
    void itemsDroppedLastAreCountedOnceTheQueueIsEmpty() throws InterruptedException {
        queue.offer("a", 1);
        queue.offer("b", 1);
        queue.offer("c", 1);
        queue.offer("d", 1);

        assertThat(drain()).containsExactly("a", "b", "c", "dropped 1");
        assertThat(queue.poll(Duration.ZERO)).isNull();
    }

    @Test
    void aClosedQueueTakesNothingAndWakesItsReader() throws InterruptedException {
        queue.offer("a", 1);
        queue.close();

        assertThat(queue.offer("b", 1)).isFalse();
        assertThat(queue.poll(Duration.ofDays(1))).as("does not wait once closed").isNull();
        assertThat(queue.isClosed()).isTrue();
    }

    @Test
    void aWaitingReaderGetsTheItemOfferedMeanwhile() throws InterruptedException {
        Thread producer = new Thread(() -> queue.offer("late", 1));
        producer.start();

        assertThat(queue.poll(Duration.ofDays(1))).isEqualTo("late");
        producer.join();
    }

    private List<String> drain() throws InterruptedException {
        List<String> items = new ArrayList<>();
        for (String item = queue.poll(Duration.ZERO); item != null; item = queue.poll(Duration.ZERO)) {
            items.add(item);
        }
        return items;
    }
}
