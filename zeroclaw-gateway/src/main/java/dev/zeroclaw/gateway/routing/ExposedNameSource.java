package dev.zeroclaw.gateway.routing;

import dev.zeroclaw.api.ExposedNames;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The names the gateway's last list gave clients ({@link ExposedNames}), so that a call by such a
 * name reaches the tool or prompt behind it, even one whose name was sanitised, cut or suffixed.
 */
public interface ExposedNameSource {

    /** The table of the last {@code tools/list} ({@code what} = {@code tool}) or {@code prompts/list} ({@code prompt}). */
    Optional<ExposedNames> known(String what);

    /** The table of a list made now: for a name the last one did not hold (or before any list). */
    CompletableFuture<ExposedNames> refreshed(String what);
}
