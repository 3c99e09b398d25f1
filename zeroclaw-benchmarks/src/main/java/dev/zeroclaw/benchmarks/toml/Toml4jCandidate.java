package dev.zeroclaw.benchmarks.toml;

import com.moandjiezana.toml.Toml;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** toml4j: {@code new Toml().read(String)}, which throws {@code IllegalStateException} on bad input. */
public final class Toml4jCandidate implements CandidateParser {

    @Override
    public String name() {
        return "toml4j";
    }

    @Override
    public Object parse(String toml) throws ParseRejected {
        Toml document;
        try {
            document = new Toml().read(toml);
        } catch (IllegalStateException e) {
            // The line is only in the message text ("... on line 7: ..."), never as data.
            throw new ParseRejected(String.valueOf(e.getMessage()), Optional.empty());
        }
        return neutral(document.toMap());
    }

    private static Object neutral(Object value) {
        if (value instanceof Toml) {
            return neutral(((Toml) value).toMap());
        }
        if (value instanceof Map) {
            Map<String, Object> document = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((key, child) -> document.put(String.valueOf(key), neutral(child)));
            return document;
        }
        if (value instanceof List) {
            List<Object> elements = new ArrayList<>();
            ((List<?>) value).forEach(child -> elements.add(neutral(child)));
            return elements;
        }
        if (value instanceof Date) {
            // toml4j keeps the instant only; UTC is as good an offset as any for comparing it.
            return OffsetDateTime.ofInstant(((Date) value).toInstant(), ZoneOffset.UTC);
        }
        return value;
    }
}
