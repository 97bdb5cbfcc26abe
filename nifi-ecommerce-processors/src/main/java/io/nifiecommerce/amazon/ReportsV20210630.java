package io.nifiecommerce.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of the Selling Partner API for Reports (2021-06-30) that read the reports Amazon generates on its own
 * schedule, with their default usage plans (Amazon's reports_2021-06-30 model). Their answers have no {@code payload}
 * envelope.
 * <ul>
 *   <li>{@code getReports}, {@code GET /reports/2021-06-30/reports}: {@code reportTypes}, {@code createdSince},
 *       {@code createdUntil}, {@code pageSize} up to 100, then {@code nextToken} alone; answer {@code {reports, nextToken}};
 *       0.0222 requests/s, burst 10;</li>
 *   <li>{@code getReportDocument}, {@code GET /reports/2021-06-30/documents/{reportDocumentId}}: answer
 *       {@code {reportDocumentId, url, compressionAlgorithm?}}, the {@code url} pre-signed for five minutes;
 *       0.0167 requests/s, burst 15.</li>
 * </ul>
 */
public class ReportsV20210630 {

    public static final SellingPartnerClient.Plan GET_REPORTS = new SellingPartnerClient.Plan(0.0222, 10);
    public static final SellingPartnerClient.Plan GET_REPORT_DOCUMENT = new SellingPartnerClient.Plan(0.0167, 15);
    public static final int MAX_PAGE_SIZE = 100;

    /** A report as getReports lists it; {@code reportDocumentId} only once processing is DONE (or FATAL, with its reason). */
    public record Report(String reportId, String reportType, String processingStatus, Instant createdTime, Instant dataStartTime,
                         Instant dataEndTime, String reportDocumentId) {
    }

    /** getReportDocument's answer: where to download the document, and GZIP when it is compressed. */
    public record Document(String reportDocumentId, URI url, String compressionAlgorithm) {
    }

    private final SellingPartnerClient client;

    public ReportsV20210630(final SellingPartnerClient client) {
        this.client = client;
    }

    public SellingPartnerClient client() {
        return client;
    }

    /** Every report of {@code reportType} created in [since, until], every page, in Amazon's order. */
    public List<Report> reports(final String reportType, final Instant since, final Instant until) {
        final List<Report> reports = new ArrayList<>();
        final Map<String, Object> query = new LinkedHashMap<>();
        query.put("reportTypes", reportType);
        query.put("createdSince", since.toString());
        query.put("createdUntil", until.toString());
        query.put("pageSize", MAX_PAGE_SIZE);
        String token;
        do {
            final JsonNode page = client.getResource("getReports", GET_REPORTS, "/reports/2021-06-30/reports", query);
            if (!page.path("reports").isArray()) {
                throw ApiException.unreadable(200, "getReports answered without reports", null);
            }
            page.path("reports").forEach(node -> reports.add(report(node)));
            token = page.path("nextToken").asText("");
            query.clear();
            query.put("nextToken", token);
        } while (!token.isEmpty());
        return reports;
    }

    public Document document(final String reportDocumentId) {
        final JsonNode body = client.getResource("getReportDocument", GET_REPORT_DOCUMENT,
                "/reports/2021-06-30/documents/" + URLEncoder.encode(reportDocumentId, StandardCharsets.UTF_8), Map.of());
        final String url = body.path("url").asText("");
        if (url.isEmpty()) {
            throw ApiException.unreadable(200, "getReportDocument answered without a url", null);
        }
        try {
            return new Document(body.path("reportDocumentId").asText(reportDocumentId), URI.create(url),
                    body.path("compressionAlgorithm").asText(null));
        } catch (final IllegalArgumentException e) {
            throw ApiException.unreadable(200, "getReportDocument answered a url that is not a URI", e);
        }
    }

    private static Report report(final JsonNode node) {
        try {
            return new Report(node.path("reportId").asText(), node.path("reportType").asText(), node.path("processingStatus").asText(),
                    Instant.parse(node.path("createdTime").asText()), instant(node, "dataStartTime"), instant(node, "dataEndTime"),
                    node.path("reportDocumentId").asText(null));
        } catch (final DateTimeParseException e) {
            throw ApiException.unreadable(200, "getReports answered a report without a readable createdTime", e);
        }
    }

    private static Instant instant(final JsonNode node, final String field) {
        return node.hasNonNull(field) ? Instant.parse(node.path(field).asText()) : null;
    }
}
