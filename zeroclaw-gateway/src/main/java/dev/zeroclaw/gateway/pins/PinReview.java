package dev.zeroclaw.gateway.pins;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.PinMode;
import java.util.List;

/**
 * How a server's tools compare with their pins, as of the last list the gateway saw.
 *
 * @param mode the server's {@code pin_tools} then
 * @param changed tools whose definition differs from the pinned one, sorted
 * @param added tools listed but not pinned, sorted
 * @param removed tools pinned but no longer listed, sorted
 */
public record PinReview(PinMode mode, List<String> changed, List<String> added, List<String> removed) {

    public PinReview {
        requireNonNull(mode, "mode is null");
        changed = List.copyOf(changed);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    /** Every tool listed matches its pin and every pin is listed. */
    public boolean clean() {
        return changed.isEmpty() && added.isEmpty() && removed.isEmpty();
    }

    /** Whether clients are kept from {@code tool}: under {@code block}, a changed or added tool awaits approval. */
    public boolean withholds(String tool) {
        return mode == PinMode.BLOCK && (changed.contains(tool) || added.contains(tool));
    }
}
