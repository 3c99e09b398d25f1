package dev.zeroclaw.config;

import static java.util.Objects.requireNonNull;

import dev.zeroclaw.api.ServerSpec;

/**
 * One server entry as read, with the positions of its keys.
 *
 * @param spec the entry; where a value was wrong, its default stands in
 * @param positions where the entry and its keys were written
 * @param clean no generic rule found a problem in the entry
 * @param transportAccepted its {@code transport} is a well-formed name this parser accepts, so its
 *     provider (if installed) can check it, clean or not
 */
record ParsedEntry(ServerSpec spec, EntryPositions positions, boolean clean, boolean transportAccepted) {

    ParsedEntry {
        requireNonNull(spec, "spec is null");
        requireNonNull(positions, "positions is null");
    }

    PositionedServerEntry asServerEntry() {
        return new PositionedServerEntry(spec, positions);
    }
}
