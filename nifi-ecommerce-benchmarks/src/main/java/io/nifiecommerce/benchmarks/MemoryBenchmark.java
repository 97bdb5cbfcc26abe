package io.nifiecommerce.benchmarks;

import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.shopify.order.BulkOrderExport;
import io.nifiecommerce.sandbox.SandboxConfig;

import java.io.BufferedReader;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Memory: each workload runs in a child JVM limited to {@code -Xmx256m}; completing there is the
 * proof, and the child reports its peak heap. The sandbox (and its 100,000 orders) lives in this
 * process, so it does not count against the child's heap.
 */
final class MemoryBenchmark {

    static final String HEAP_LIMIT = "-Xmx256m";
    private static final int TEMPLATE_ORDERS = 1000;

    private final int orders;
    private final long ediBytes;

    MemoryBenchmark(final int orders, final long ediBytes) {
        this.orders = orders;
        this.ediBytes = ediBytes;
    }

    private record Probe(String workload, int exitCode, Map<String, String> result, double wallSeconds) {

        boolean completed() {
            return exitCode == 0 && "true".equals(result.get("complete"));
        }

        String mb(final String key) {
            final String value = result.get(key);
            return value == null ? "n/a" : String.format(Locale.ROOT, "%.0f MB", Long.parseLong(value) / 1048576.0);
        }
    }

    String run() throws Exception {
        final List<Probe> probes = new ArrayList<>();
        final Path template = Files.createTempFile("bulk-orders", ".jsonl");
        try {
            try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(TEMPLATE_ORDERS))) {
                final ShopifyConnection connection = new ShopifyConnection(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken(), 5,
                        // the first bulk query of a fresh sandbox runs graphql-java cold over 1,000 orders: seconds on a busy machine
                        Duration.ofSeconds(60));
                final BulkOrderExport export = new BulkOrderExport(connection.client);
                final String id = export.start("");
                BulkOrderExport.Status status = export.status(id);
                while (status.running()) {
                    Thread.sleep(250);
                    status = export.status(id);
                }
                try (InputStream in = connection.client.download(URI.create(status.url()))) {
                    Files.copy(in, template, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            final int repeats = orders / TEMPLATE_ORDERS;
            probes.add(child(String.format(Locale.ROOT, "bulk backfill of %,d orders (BulkOrderExport.reassemble + ShopifyOrderMapper + JSON record)",
                    repeats * TEMPLATE_ORDERS), BackfillMemoryProbe.class, template.toString(), Integer.toString(repeats), Integer.toString(TEMPLATE_ORDERS)));
        } finally {
            Files.deleteIfExists(template);
        }
        probes.add(child(String.format(Locale.ROOT, "IFTSTA interchange of %,d MB generated as a stream (EdiFeedParser + assembler)", ediBytes >> 20),
                EdiMemoryProbe.class, Long.toString(ediBytes)));
        probes.add(child(String.format(Locale.ROOT, "X12 846 inventory advice of %,d MB generated as a stream (EdiStockReader: stock records)",
                ediBytes >> 20), EdiStockMemoryProbe.class, Long.toString(ediBytes)));
        final MarkdownTable table = new MarkdownTable("Workload", "Heap limit", "Completed", "Peak heap (pool peaks summed)", "Max live heap after GC",
                "GCs", "Work", "Seconds");
        for (final Probe probe : probes) {
            final Map<String, String> r = probe.result();
            final String work = r.containsKey("orders") ? r.get("orders") + " orders, " + mbText(r.get("recordBytes")) + " of records"
                    : r.containsKey("events") ? r.get("events") + " events or records from " + mbText(r.get("bytes")) : "exit code " + probe.exitCode();
            table.row(probe.workload(), HEAP_LIMIT, probe.completed() ? "yes" : "**no** (exit " + probe.exitCode() + ")", probe.mb("peakHeapBytes"),
                    probe.mb("maxLiveAfterGcBytes"), r.getOrDefault("collections", "n/a"), work, probe.wallSeconds());
        }
        return "## Memory\n\n"
                + "Each workload runs in its own JVM started with `" + HEAP_LIMIT + "` (goal: at most 256 MB); a run that needed more would end in"
                + " OutOfMemoryError, so *completed* is the result, and the child reports its heap from the memory pools' peaks (garbage included,"
                + " an upper bound) and from GC notifications (the largest heap left after a collection: what was live). Backfill: the sandbox's"
                + " bulk operation result for " + TEMPLATE_ORDERS + " orders (fetched over HTTP by the bundle's client) is replayed with fresh order"
                + " ids until the count is reached and streamed through the bundle's reassembly and mapping; the sandbox itself cannot serve"
                + " 100,000 orders in reasonable time (its bulk query runs through graphql-java order by order), and the child holds the"
                + " 1,000-order template (a few MB) in its heap. The EDI files are generated while they are read, never stored: an IFTSTA tracking"
                + " interchange (1,000 statuses per message) and a 3PL's X12 846 (1,000 distinct SKUs per transaction set, each split over two"
                + " warehouses by SDQ, so two stock records per item); each read is checked complete against the records generated.\n\n"
                + table.render() + "\n";
    }

    private static String mbText(final String bytes) {
        return bytes == null ? "n/a" : String.format(Locale.ROOT, "%.0f MB", Long.parseLong(bytes) / 1048576.0);
    }

    private Probe child(final String workload, final Class<?> main, final String... args) throws Exception {
        final List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), HEAP_LIMIT,
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        final long start = System.nanoTime();
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final Map<String, String> result = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("    " + line);
                if (line.startsWith("RESULT ")) {
                    for (final String pair : line.substring(7).split(" ")) {
                        final int eq = pair.indexOf('=');
                        result.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
        }
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Probe(workload, process.exitValue(), result, (System.nanoTime() - start) / 1e9);
    }
}
