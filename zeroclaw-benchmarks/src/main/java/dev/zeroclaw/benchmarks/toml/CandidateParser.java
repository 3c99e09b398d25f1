package dev.zeroclaw.benchmarks.toml;

/**
 * One TOML library as ADR 0001 measures it: used the way its own documentation shows, with the
 * result turned into a neutral document so that libraries can be compared with each other and
 * with toml-test's expectations.
 *
 * <p>The neutral document is built from {@code Map<String, Object>} (tables, in document order),
 * {@code List<Object>} (arrays), {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code OffsetDateTime}, {@code LocalDateTime}, {@code LocalDate} and {@code LocalTime}. A value a
 * library cannot represent in those types is passed through as it is, so that the comparison
 * reports it rather than hides it.
 */
public interface CandidateParser {

    /** A short name for tables and file names: {@code toml4j}, {@code tomlj}, … */
    String name();

    /**
     * Parses {@code toml} into a neutral document.
     *
     * @throws ParseRejected when the library reports the input as invalid, in its documented way;
     *     any other exception is the library failing, and the caller records it as such
     */
    Object parse(String toml) throws ParseRejected;
}
