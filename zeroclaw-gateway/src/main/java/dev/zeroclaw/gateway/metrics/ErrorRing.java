package dev.zeroclaw.gateway.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A server's last {@code capacity} failed calls. Lock-free: a failing call takes the next sequence
 * number and overwrites the oldest slot, so a burst of errors never makes calls wait for each other.
 */
final class ErrorRing {

    private record Slot(long sequence, CallError error) {}

    private final AtomicReferenceArray<Slot> slots;
    private final AtomicLong next = new AtomicLong();

    ErrorRing(int capacity) {
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    void add(CallError error) {
        long sequence = next.getAndIncrement();
        slots.set((int) (sequence % slots.length()), new Slot(sequence, error));
    }

    /** The kept errors, oldest first. */
    List<CallError> recent() {
        List<Slot> kept = new ArrayList<>();
        for (int i = 0; i < slots.length(); i++) {
            Slot slot = slots.get(i);
            if (slot != null) {
                kept.add(slot);
            }
        }
        kept.sort(Comparator.comparingLong(Slot::sequence));
        return kept.stream().map(Slot::error).toList();
    }
}
