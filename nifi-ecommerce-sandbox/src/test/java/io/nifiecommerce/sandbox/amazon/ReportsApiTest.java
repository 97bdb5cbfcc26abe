package io.nifiecommerce.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.mirakl.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated Reports API 2021-06-30 over HTTP: getReports, getReportDocument and the document's pre-signed URL. */
class ReportsApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SETTLEMENTS = "/reports/2021-06-30/reports?reportTypes=" + ReportsApi.SETTLEMENT_V2;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private AmazonSimulator simulator;
    private HttpServer server;
    private String accessToken;

    @BeforeEach
    void start() throws Exception {
        simulator = new AmazonSimulator(new AmazonSeller(clock, Duration.ofMinutes(5)), AmazonSeeding.login(clock), 1, null);
        server = simulator.serve();
        final String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(AmazonSeeding.REFRESH_TOKEN, StandardCharsets.UTF_8)
                + "&client_id=" + URLEncoder.encode(AmazonSeeding.CLIENT_ID, StandardCharsets.UTF_8) + "&client_secret=" + AmazonSeeding.CLIENT_SECRET;
        accessToken = MAPPER.readTree(http.send(HttpRequest.newBuilder(uri("/auth/o2/token")).POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("access_token").asText();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void settlementReportsArePagedNewestFirstWithoutPayloadEnvelope() throws Exception {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(simulator.reports().publishSettlement("settlement-id\n" + i + "\n", Instant.parse("2026-10-01T00:00:00Z"),
                    Instant.parse("2026-10-15T00:00:00Z"), false));
            clock.advance(Duration.ofMinutes(10));
        }
        final String inProgress = simulator.reports().publishInProgress(ReportsApi.SETTLEMENT_V2, Instant.parse("2026-10-15T00:00:00Z"),
                Instant.parse("2026-10-29T00:00:00Z"));
        final HttpResponse<String> first = get(SETTLEMENTS + "&pageSize=2&processingStatuses=DONE", accessToken);
        assertEquals(200, first.statusCode());
        assertEquals("0.0222", first.headers().firstValue("x-amzn-RateLimit-Limit").orElseThrow());
        final JsonNode page = MAPPER.readTree(first.body());
        assertFalse(page.has("payload"));
        assertEquals(List.of(ids.get(2), ids.get(1)), List.of(page.path("reports").get(0).path("reportId").asText(),
                page.path("reports").get(1).path("reportId").asText()));
        final JsonNode report = page.path("reports").get(0);
        assertEquals("DONE", report.path("processingStatus").asText());
        assertEquals("2026-10-01T00:00:00Z", report.path("dataStartTime").asText());
        assertTrue(report.path("reportDocumentId").asText().startsWith("amzn1.spdoc."));

        final HttpResponse<String> withOthers = get("/reports/2021-06-30/reports?pageSize=2&nextToken="
                + page.path("nextToken").asText(), accessToken);
        assertEquals(400, withOthers.statusCode());
        final JsonNode last = MAPPER.readTree(get("/reports/2021-06-30/reports?nextToken=" + page.path("nextToken").asText(), accessToken).body());
        assertEquals(1, last.path("reports").size());
        assertEquals(ids.get(0), last.path("reports").get(0).path("reportId").asText());
        assertFalse(last.has("nextToken"));

        final JsonNode all = MAPPER.readTree(get(SETTLEMENTS, accessToken).body());
        assertEquals(4, all.path("reports").size());
        assertEquals(inProgress, all.path("reports").get(0).path("reportId").asText());
        assertFalse(all.path("reports").get(0).has("reportDocumentId"));
        final JsonNode since = MAPPER.readTree(get(SETTLEMENTS + "&createdSince=2026-11-20T10:10:00Z", accessToken).body());
        assertEquals(3, since.path("reports").size());
    }

    @Test
    void documentUrlServesTheStoredBytesGzipOrNotAndExpires() throws Exception {
        final String content = "settlement-id\tsettlement-start-date\n42\t2026-10-01\n";
        simulator.reports().publishSettlement(content, Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-15T00:00:00Z"), true);
        simulator.reports().publishSettlement(content, Instant.parse("2026-10-15T00:00:00Z"), Instant.parse("2026-10-29T00:00:00Z"), false);
        final JsonNode reports = MAPPER.readTree(get(SETTLEMENTS, accessToken).body()).path("reports");
        final JsonNode plain = document(reports.get(0).path("reportDocumentId").asText());
        final JsonNode zipped = document(reports.get(1).path("reportDocumentId").asText());
        assertFalse(plain.has("compressionAlgorithm"));
        assertEquals("GZIP", zipped.path("compressionAlgorithm").asText());
        assertEquals(content, http.send(HttpRequest.newBuilder(URI.create(plain.path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        final byte[] gzip = http.send(HttpRequest.newBuilder(URI.create(zipped.path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertEquals(content, new String(new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes(), StandardCharsets.UTF_8));

        clock.advance(Duration.ofMinutes(6));
        assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(plain.path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        final HttpResponse<String> unknown = get("/reports/2021-06-30/documents/amzn1.spdoc.none", accessToken);
        assertEquals(404, unknown.statusCode());
        assertEquals("NotFound", MAPPER.readTree(unknown.body()).path("errors").get(0).path("code").asText());
    }

    @Test
    void invalidRequestsAndTheUsagePlanAreAnsweredAsAmazonDocuments() throws Exception {
        for (final String query : List.of("/reports/2021-06-30/reports", SETTLEMENTS + "&processingStatuses=BAD_VALUE",
                SETTLEMENTS + "&pageSize=101", SETTLEMENTS + "&createdSince=yesterday", "/reports/2021-06-30/reports?nextToken=garbage")) {
            final HttpResponse<String> answer = get(query, accessToken);
            assertEquals(400, answer.statusCode(), query);
            assertEquals("InvalidInput", MAPPER.readTree(answer.body()).path("errors").get(0).path("code").asText(), query);
        }
        assertEquals(403, get(SETTLEMENTS, null).statusCode());
        // 5 refused above (after the 403, which takes no token) took 5 of the burst of 10
        for (int i = 0; i < 5; i++) {
            assertEquals(200, get(SETTLEMENTS, accessToken).statusCode());
        }
        final HttpResponse<String> throttled = get(SETTLEMENTS, accessToken);
        assertEquals(429, throttled.statusCode());
        assertEquals("QuotaExceeded", MAPPER.readTree(throttled.body()).path("errors").get(0).path("code").asText());
        clock.advance(Duration.ofSeconds(46));
        assertEquals(200, get(SETTLEMENTS, accessToken).statusCode());
    }

    private JsonNode document(final String documentId) throws Exception {
        final HttpResponse<String> answer = get("/reports/2021-06-30/documents/" + documentId, accessToken);
        assertEquals(200, answer.statusCode());
        final JsonNode body = MAPPER.readTree(answer.body());
        assertEquals(documentId, body.path("reportDocumentId").asText());
        return body;
    }

    private HttpResponse<String> get(final String path, final String token) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("x-amz-access-token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(final String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
