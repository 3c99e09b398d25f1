package dev.zeroclaw.telemetry;

import java.util.List;

/** Hears every reload: its start on the reload thread, then {@link ReloadObservation}. Must not block. */
@FunctionalInterface
public interface ReloadObserver {

    ReloadObserver NONE = (id, trigger) -> ReloadObservation.NONE;

    ReloadObservation begin(long id, String trigger);

    /** Each of {@code observers}, in order. */
    static ReloadObserver all(List<ReloadObserver> observers) {
        List<ReloadObserver> each = List.copyOf(observers);
        return (id, trigger) -> {
            List<ReloadObservation> begun = each.stream().map(observer -> observer.begin(id, trigger)).toList();
            return new ReloadObservation() {
                @Override
                public void applying() {
                    begun.forEach(ReloadObservation::applying);
                }

                @Override
                public void end(ReloadOutcome outcome) {
                    begun.forEach(observation -> observation.end(outcome));
                }
            };
        };
    }
}
