package dev.zeroclaw.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Medians of a JMH JSON result ({@code -rf json}), with each benchmark's ratio to a baseline
 * method run with the same parameters.
 *
 * <p>This machine is shared: a neighbour's burst lands in a few iterations and drags the mean that
 * JMH prints, so the ADRs quote the median of all measured iterations (every fork) instead.
 *
 * <p>Usage: {@code JmhMedians <result.json> [<baseline method>]}.
 */
public final class JmhMedians {

    /** One benchmark method with one set of parameters. */
    private record Row(String method, String params, int samples, double median, String unit) {}

    private JmhMedians() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: JmhMedians <result.json> [<baseline method>]");
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
        System.out.printf(Locale.ROOT, "%-24s %-16s %8s %15s %7s%n", "benchmark", "params", "samples", "median",
                baseline.map(b -> "x " + b).orElse(""));
        for (Row row : rows) {
            String ratio = baseline.flatMap(b -> rows.stream()
                            .filter(r -> r.method().equals(b) && r.params().equals(row.params()))
                            .findFirst())
                    .map(b -> String.format(Locale.ROOT, "%.3f", row.median() / b.median()))
                    .orElse("");
            System.out.printf(Locale.ROOT, "%-24s %-16s %8d %9.3f %-5s %7s%n",
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
