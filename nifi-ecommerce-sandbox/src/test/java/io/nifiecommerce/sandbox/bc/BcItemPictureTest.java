package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An item's picture as APIV2 - Pictures serves it under items(id)/picture, with its media stream pictureContent. */
class BcItemPictureTest {

    /** A GIF signature and ASCII bytes: the test client reads answers as text. */
    private static final byte[] GIF = "GIF89a-sandbox-picture".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HttpServer server;
    private BcCompany company;
    private BcTestClient api;

    @BeforeEach
    void start() throws Exception {
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator simulator = new BusinessCentralSimulator(BcSimulatorConfig.defaults(),
                new FaultInjector(FaultPlan.NONE, 7L, stats), stats);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        simulator.mount(server);
        server.start();
        company = simulator.createCompany("CRONUS FR");
        api = new BcTestClient(simulator.apiUrl("http://127.0.0.1:" + server.getAddress().getPort()), simulator.issueToken());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anItemWithoutPictureHasAnEmptyOneAndNoContent() throws Exception {
        final String id = company.putItem("1000", "Bicycle", "", new BigDecimal("10"), BigDecimal.ZERO).path("id").asText();
        final JsonNode picture = api.get(path("items(" + id + ")/picture")).json();
        assertEquals(List.of("Item", "0", ""), List.of(picture.path("parentType").asText(), picture.path("width").asText(),
                picture.path("contentType").asText()));
        assertTrue(picture.path("pictureContent@odata.mediaReadLink").asText().endsWith("items(" + id + ")/picture/pictureContent"));
        // the fields of Microsoft's page, the stream given as its media link
        final AlPage page = AlPageParser.parse(java.nio.file.Files.readString(java.nio.file.Path.of(
                System.getProperty("nifiecommerce.reference.dir", "../reference"), "bc-api-v2.0-pages", "APIV2Pictures.Page.al")));
        for (final AlPage.Field field : page.fields()) {
            assertTrue(picture.has(field.name()) || picture.has(field.name() + "@odata.mediaReadLink"), field.name());
        }
        assertEquals(204, api.raw("GET", path("items(" + id + ")/picture/pictureContent"), null, java.util.Map.of()).statusCode());
        assertEquals(404, api.get(path("items(" + id + ")/picture/other")).status());
    }

    @Test
    void aPictureIsServedAsBytesAndChangesTheItem() throws Exception {
        final JsonNode item = company.putItem("1000", "Bicycle", "", new BigDecimal("10"), BigDecimal.ZERO);
        final String id = item.path("id").asText();
        Thread.sleep(5);
        company.putItemPicture("1000", GIF, "image/gif", 640, 480);
        final JsonNode picture = api.get(path("items(" + id + ")/picture")).json();
        assertEquals(List.of("640", "480", "image/gif"), List.of(picture.path("width").asText(), picture.path("height").asText(),
                picture.path("contentType").asText()));
        final java.net.http.HttpResponse<String> content = api.raw("GET", path("items(" + id + ")/picture/pictureContent"), null, java.util.Map.of());
        assertEquals(200, content.statusCode());
        assertEquals("image/gif", content.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(GIF, content.body().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        final JsonNode after = api.get(path("items(" + id + ")")).json();
        assertNotEquals(item.path("lastModifiedDateTime").asText(), after.path("lastModifiedDateTime").asText(),
                "Picture is a field of the Item table: the item is modified");
        assertEquals(404, api.raw("GET", path("items(00000000-0000-0000-0000-000000000001)/picture/pictureContent"), null, java.util.Map.of())
                .statusCode());
    }

    private String path(final String rest) {
        return "companies(" + company.id() + ")/" + rest;
    }
}
