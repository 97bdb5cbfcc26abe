package io.nifiecommerce.sandbox.amazon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.nifiecommerce.sandbox.shopify.HttpReplies;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * The Reports API 2021-06-30 operations that read reports Amazon generates on its own schedule (settlement reports
 * cannot be requested with createReport), after Amazon's reports_2021-06-30 model:
 * <ul>
 *   <li>{@code getReports}, {@code GET /reports/2021-06-30/reports}: {@code reportTypes} (1..10) or {@code nextToken}
 *       (then the only parameter), {@code processingStatuses} (CANCELLED, DONE, FATAL, IN_PROGRESS, IN_QUEUE),
 *       {@code marketplaceIds} (1..10), {@code pageSize} 1..100 (10 by default), {@code createdSince} (90 days ago by
 *       default: reports are kept 90 days), {@code createdUntil} (now by default); answer {@code {reports, nextToken}}
 *       without a payload envelope, newest first; usage plan 0.0222 requests/s, burst 10;</li>
 *   <li>{@code getReportDocument}, {@code GET /reports/2021-06-30/documents/{reportDocumentId}}: answer
 *       {@code {reportDocumentId, url, compressionAlgorithm?}}; usage plan 0.0167 requests/s, burst 15.</li>
 * </ul>
 * The document's {@code url} is served by the simulator as Amazon's pre-signed URLs are: without the access token,
 * for five minutes, the bytes as stored (GZIP when {@code compressionAlgorithm} says so).
 */
public final class ReportsApi {

    /** Reports 2021-06-30 getReports: 0.0222 requests per second, burst 10. */
    public static final UsagePlan GET_REPORTS = new UsagePlan(0.0222, 10);
    /** Reports 2021-06-30 getReportDocument: 0.0167 requests per second, burst 15. */
    public static final UsagePlan GET_REPORT_DOCUMENT = new UsagePlan(0.0167, 15);
    public static final String SETTLEMENT_V2 = "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2";
    static final String DOCUMENTS_PATH = "/report-documents/";
    static final Duration RETENTION = Duration.ofDays(90);
    static final Duration URL_LIFETIME = Duration.ofMinutes(5);
    static final Set<String> STATUSES = Set.of("CANCELLED", "DONE", "FATAL", "IN_PROGRESS", "IN_QUEUE");

    /** A report as Amazon lists it; {@code content} is the document's bytes as stored (null while not DONE). */
    private record Report(String reportId, String reportType, Instant dataStart, Instant dataEnd, Instant created, String status,
                          String documentId, byte[] content, boolean gzip) {

        ObjectNode json() {
            final ObjectNode node = AmazonSimulator.MAPPER.createObjectNode();
            node.put("reportId", reportId).put("reportType", reportType)
                    .put("dataStartTime", dataStart.toString()).put("dataEndTime", dataEnd.toString())
                    .put("createdTime", created.toString()).put("processingStatus", status);
            if (!status.equals("IN_QUEUE")) {
                node.put("processingStartTime", created.toString());
            }
            if (documentId != null) {
                node.put("processingEndTime", created.toString()).put("reportDocumentId", documentId);
            }
            return node;
        }
    }

    private record Search(Set<String> types, Set<String> statuses, Instant since, Instant until, int pageSize) {

        String token(final int offset) {
            final String plain = String.join("|", String.join(",", types), String.join(",", statuses), since.toString(), until.toString(),
                    Integer.toString(pageSize), Integer.toString(offset));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        static Map.Entry<Search, Integer> fromToken(final String token) {
            try {
                final String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
                return Map.entry(new Search(OrdersApi.csv(parts[0]), OrdersApi.csv(parts[1]), Instant.parse(parts[2]), Instant.parse(parts[3]),
                        Integer.parseInt(parts[4])), Integer.parseInt(parts[5]));
            } catch (final RuntimeException e) {
                throw AmazonApiError.invalidInput("Invalid nextToken.");
            }
        }
    }

    private final Clock clock;
    private final Map<String, Report> reports = new ConcurrentHashMap<>();
    private final Map<String, Instant> urlsIssued = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(50_000_000_000L);

    ReportsApi(final Clock clock) {
        this.clock = clock;
    }

    void register(final AmazonSimulator simulator, final double rateFactor) {
        simulator.route("GET", "/reports/2021-06-30/reports", "getReports", GET_REPORTS.scaled(rateFactor), this::getReports);
        simulator.route("GET", "/reports/2021-06-30/documents/([^/]+)", "getReportDocument", GET_REPORT_DOCUMENT.scaled(rateFactor),
                this::getReportDocument);
    }

    /**
     * Amazon publishes a settlement report (DONE, created now) for the period {@code [start, end]}; its document is
     * {@code content}, stored GZIP-compressed when {@code gzip}. Returns the reportId.
     */
    public String publishSettlement(final String content, final Instant start, final Instant end, final boolean gzip) {
        final String id = Long.toString(nextId.incrementAndGet());
        final byte[] plain = content.getBytes(StandardCharsets.UTF_8);
        reports.put(id, new Report(id, SETTLEMENT_V2, start, end, clock.instant(), "DONE", "amzn1.spdoc.1.4.eu." + UUID.randomUUID(),
                gzip ? gzip(plain) : plain, gzip));
        return id;
    }

    /** A report Amazon is still generating (IN_PROGRESS): listed without a document until {@link #complete} is called. */
    public String publishInProgress(final String reportType, final Instant start, final Instant end) {
        final String id = Long.toString(nextId.incrementAndGet());
        reports.put(id, new Report(id, reportType, start, end, clock.instant(), "IN_PROGRESS", null, null, false));
        return id;
    }

    /** Ends the processing of an IN_PROGRESS report with its document (uncompressed). */
    public void complete(final String reportId, final String content) {
        reports.computeIfPresent(reportId, (id, r) -> new Report(id, r.reportType(), r.dataStart(), r.dataEnd(), r.created(), "DONE",
                "amzn1.spdoc.1.4.eu." + UUID.randomUUID(), content.getBytes(StandardCharsets.UTF_8), false));
    }

    /** Amazon gives up an IN_PROGRESS report (FATAL, without a document). */
    public void fail(final String reportId) {
        reports.computeIfPresent(reportId, (id, r) -> new Report(id, r.reportType(), r.dataStart(), r.dataEnd(), r.created(), "FATAL",
                null, null, false));
    }

    /** Forgets every report (the sandbox's reset). */
    public void reset() {
        reports.clear();
        urlsIssued.clear();
    }

    private void getReports(final AmazonSimulator.Call call) throws IOException {
        final Map<String, String> query = call.query();
        final Search search;
        final int offset;
        if (query.containsKey("nextToken")) {
            if (query.size() > 1) {
                throw AmazonApiError.invalidInput("nextToken must be the only parameter when it is given.");
            }
            final Map.Entry<Search, Integer> page = Search.fromToken(query.get("nextToken"));
            search = page.getKey();
            offset = page.getValue();
        } else {
            search = search(query);
            offset = 0;
        }
        final List<Report> matching = new ArrayList<>(reports.values().stream()
                .filter(r -> search.types().contains(r.reportType()))
                .filter(r -> search.statuses().isEmpty() || search.statuses().contains(r.status()))
                .filter(r -> !r.created().isBefore(search.since()) && !r.created().isAfter(search.until()))
                .sorted(Comparator.comparing(Report::created).thenComparing(Report::reportId).reversed())
                .toList());
        final int end = Math.min(matching.size(), offset + search.pageSize());
        final ObjectNode body = AmazonSimulator.MAPPER.createObjectNode();
        final ArrayNode page = body.putArray("reports");
        matching.subList(Math.min(offset, matching.size()), end).forEach(r -> page.add(r.json()));
        if (end < matching.size()) {
            body.put("nextToken", search.token(end));
        }
        HttpReplies.json(call.exchange(), 200, body);
    }

    private Search search(final Map<String, String> query) {
        final Set<String> types = OrdersApi.csv(query.get("reportTypes"));
        if (types.isEmpty()) {
            throw AmazonApiError.invalidInput("Either reportTypes or nextToken is required.");
        }
        if (types.size() > 10) {
            throw AmazonApiError.invalidInput("reportTypes can contain at most 10 values.");
        }
        final Set<String> statuses = OrdersApi.csv(query.get("processingStatuses"));
        for (final String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw new AmazonApiError(400, "InvalidInput", "Invalid input", "Invalid input in processing status");
            }
        }
        if (OrdersApi.csv(query.get("marketplaceIds")).size() > 10) {
            throw AmazonApiError.invalidInput("marketplaceIds can contain at most 10 values.");
        }
        final Instant now = clock.instant();
        final Instant since = Objects.requireNonNullElse(OrdersApi.date(query, "createdSince"), now.minus(RETENTION));
        final Instant until = Objects.requireNonNullElse(OrdersApi.date(query, "createdUntil"), now);
        if (until.isBefore(since)) {
            throw AmazonApiError.invalidInput("createdUntil must be after createdSince.");
        }
        final int pageSize;
        try {
            pageSize = query.containsKey("pageSize") ? Integer.parseInt(query.get("pageSize")) : 10;
        } catch (final NumberFormatException e) {
            throw AmazonApiError.invalidInput("Invalid pageSize: " + query.get("pageSize") + ".");
        }
        if (pageSize < 1 || pageSize > 100) {
            throw AmazonApiError.invalidInput("pageSize must be between 1 and 100.");
        }
        return new Search(types, statuses, since, until, pageSize);
    }

    private void getReportDocument(final AmazonSimulator.Call call) throws IOException {
        final String documentId = call.path().group(1);
        final Report report = reports.values().stream().filter(r -> documentId.equals(r.documentId())).findFirst()
                .orElseThrow(() -> AmazonApiError.notFound("The report document " + documentId + " does not exist."));
        final String signature = UUID.randomUUID().toString().replace("-", "");
        urlsIssued.put(signature, clock.instant().plus(URL_LIFETIME));
        final HttpExchange exchange = call.exchange();
        final String fullPath = exchange.getRequestURI().getPath();
        final String prefix = fullPath.substring(0, fullPath.indexOf("/reports/2021-06-30/"));
        final ObjectNode body = AmazonSimulator.MAPPER.createObjectNode();
        body.put("reportDocumentId", documentId);
        body.put("url", "http://" + exchange.getRequestHeaders().getFirst("Host") + prefix + DOCUMENTS_PATH + documentId
                + "?X-Amz-Expires=" + URL_LIFETIME.toSeconds() + "&X-Amz-Signature=" + signature);
        if (report.gzip()) {
            body.put("compressionAlgorithm", "GZIP");
        }
        HttpReplies.json(exchange, 200, body);
    }

    /** The pre-signed URL: no access token, 403 (S3's AccessDenied) once expired or unsigned. */
    void download(final HttpExchange exchange, final String documentId, final Map<String, String> query) throws IOException {
        final Instant expires = urlsIssued.get(query.getOrDefault("X-Amz-Signature", ""));
        if (expires == null || clock.instant().isAfter(expires)) {
            HttpReplies.bytes(exchange, 403, "application/xml", "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        final Report report = reports.values().stream().filter(r -> documentId.equals(r.documentId())).findFirst().orElse(null);
        if (report == null) {
            HttpReplies.bytes(exchange, 404, "application/xml", "<Error><Code>NoSuchKey</Code></Error>".getBytes(StandardCharsets.UTF_8));
            return;
        }
        HttpReplies.bytes(exchange, 200, report.gzip() ? "application/octet-stream" : "text/plain; charset=UTF-8", report.content());
    }

    private static byte[] gzip(final byte[] plain) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
