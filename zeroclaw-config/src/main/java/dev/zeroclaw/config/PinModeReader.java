package dev.zeroclaw.config;

import dev.zeroclaw.api.PinMode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads {@code pin_tools}, in {@code [mcp]} and in a server entry alike. */
final class PinModeReader {

    private static final List<String> MODES = Stream.of(PinMode.values()).map(PinMode::configValue).toList();

    private PinModeReader() {}

    /** The mode written at {@code key}, empty when there is none or it is wrong (reported). */
    static Optional<PinMode> read(TableReader reader, String key, ErrorCollector errors) {
        Optional<String> value = reader.string(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<PinMode> mode = PinMode.fromConfigValue(value.get());
        if (mode.isEmpty()) {
            errors.add(reader.valuePosition(key), KeySuggester.unknown(key + " mode", value.get(), MODES,
                    "valid modes"));
        }
        return mode;
    }
}
