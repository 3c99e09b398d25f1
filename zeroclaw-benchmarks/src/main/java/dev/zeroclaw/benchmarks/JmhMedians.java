package dev.zeroclaw.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Medians of a JMH JSON result ({@code -rf json}), with each benchmark's ratio to a baseline:
 * either another method run with the same parameters, or the same method with one parameter set
 * to a given value ({@code restarted=1}: each row against the row that restarted one server).
 *
 * <p>This machine is shared: a neighbour's burst lands in a few iterations and drags the mean that
 * JMH prints, so the ADRs quote the median of all measured iterations (every fork) instead.
 *
 * <p>Usage: {@code JmhMedians <result.json> [<baseline method> | <param>=<value>]}.
 */
public final class JmhMedians {

    /** One benchmark method with one set of parameters. */
    private record Row(String method, String params, int samples, double median, String unit) {

        /** Whether {@code baseline} names this row's baseline: a method, or a {@code param=value}. */
        boolean isBaselineOf(Row row, String baseline) {
            int equals = baseline.indexOf('=');
            if (equals < 0) {
                return method.equals(baseline) && params.equals(row.params());
            }
            String param = baseline.substring(0, equals);
            boolean hasParam = Arrays.stream(row.params().split(",")).anyMatch(pair -> pair.startsWith(param + "="));
            return hasParam && method.equals(row.method()) && params.equals(withParam(row.params(), param, baseline));
        }

        /** {@code params} with the value of {@code param} replaced by the one in {@code assignment}. */
        private static String withParam(String params, String param, String assignment) {
            List<String> pairs = new ArrayList<>();
            for (String pair : params.split(",")) {
                pairs.add(pair.startsWith(param + "=") ? assignment : pair);
            }
            return String.join(",", pairs);
        }
    }

    private JmhMedians() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: JmhMedians <result.json> [<baseline method> | <param>=<value>]");
            System.exit(2);
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode result : new ObjectMapper().readTree(Files.readString(Path.of(args[0])))) {
            List<Double> values = new ArrayList<>();
            result.path("primaryMetric").path("rawData")
                    .forEach(fork -> fork.forEach(iteration -> values.add(iteration.doubleValue())));
            rows.add(new Row(result.get("benchmark").textValue().replaceFirst(".*\\.", ""), params(result),
                    values.size(), median(values), result.path("primaryMetric").path("scoreUnit").asText()));
        }
        Optional<String> baseline = args.length > 1 ? Optional.of(args[1]) : Optional.empty();
        int width = rows.stream().mapToInt(row -> row.params().length()).max().orElse(0);
        String columns = "%-24s %-" + Math.max(width, 6) + "s";
        System.out.printf(Locale.ROOT, columns + " %8s %15s %7s%n", "benchmark", "params", "samples", "median",
                baseline.map(b -> "x " + b).orElse(""));
        for (Row row : rows) {
            String ratio = baseline.flatMap(b -> rows.stream()
                            .filter(r -> r.isBaselineOf(row, b))
                            .findFirst())
                    .map(b -> String.format(Locale.ROOT, "%.3f", row.median() / b.median()))
                    .orElse("");
            System.out.printf(Locale.ROOT, columns + " %8d %9.3f %-5s %7s%n",
                    row.method(), row.params(), row.samples(), row.median(), row.unit(), ratio);
        }
    }

    private static String params(JsonNode result) {
        List<String> pairs = new ArrayList<>();
        result.path("params").properties().forEach(p -> pairs.add(p.getKey() + "=" + p.getValue().asText()));
        return String.join(",", pairs);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
