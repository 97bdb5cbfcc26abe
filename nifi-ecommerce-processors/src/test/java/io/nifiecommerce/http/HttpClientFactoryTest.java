package io.nifiecommerce.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpClientFactoryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    @Test
    void trustsAPrivateCertificateOnlyWithTheGivenContext() throws Exception {
        try (LocalHttpsServer server = new LocalHttpsServer(directory, exchange -> respond(exchange, 200, "{\"value\":[]}"))) {
            final HttpRequest request = HttpRequest.newBuilder(server.uri("/companies")).timeout(TIMEOUT).build();

            assertThrows(SSLHandshakeException.class, () -> HttpClientFactory.create(TIMEOUT).send(request, HttpResponse.BodyHandlers.ofString()));

            final HttpClient trusting = HttpClientFactory.create(TIMEOUT, server.trustContext(), null);
            final HttpResponse<String> response = trusting.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("{\"value\":[]}", response.body());
        }
    }

    @Test
    void sendsThroughTheProxyAndAnswersItsChallenge() throws Exception {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final String expected = "Basic " + Base64.getEncoder().encodeToString("nifi:s3cret".getBytes(StandardCharsets.UTF_8));
        // a forward proxy receives the absolute URI of a host it alone can reach
        final HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            final String authorization = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
            seen.add(exchange.getRequestURI() + " " + authorization);
            if (!expected.equals(authorization)) {
                exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"proxy\"");
                respond(exchange, 407, "");
            } else {
                respond(exchange, 200, "via proxy");
            }
        });
        proxy.start();
        try {
            final HttpClient client = HttpClientFactory.create(TIMEOUT, null,
                    new HttpProxy("127.0.0.1", proxy.getAddress().getPort(), "nifi", "s3cret"));
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://bc.internal.invalid:7048/api"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertEquals("via proxy", response.body());
            assertEquals("http://bc.internal.invalid:7048/api " + expected, seen.get(seen.size() - 1));
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void neverPrintsTheProxyPassword() {
        assertTrue(!new HttpProxy("proxy", 3128, "nifi", "s3cret").toString().contains("s3cret"));
    }

    private static void respond(final HttpExchange exchange, final int status, final String body) throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
