package io.nifiecommerce.shopify;

import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShopifyGraphQlClientTest {

    private static final String COST = """
            "extensions":{"cost":{"requestedQueryCost":52,"actualQueryCost":%s,
            "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":%d,"restoreRate":100.0}}}""";

    private HttpServer server;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<String> tokensSeen = new CopyOnWriteArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();

    private record Answer(int status, String body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/admin/api/2026-04/graphql.json", exchange -> {
            tokensSeen.add(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"));
            exchange.getRequestBody().readAllBytes();
            final Answer answer = answers.poll();
            final byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Shopify-API-Version", "2026-04");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private ShopifyGraphQlClient client(final AccessTokenSource tokens) {
        final HttpTransport transport = new HttpTransport(
                new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(2)), RetryPolicy.NONE)::send,
                new RetryPolicy(4, Duration.ofMillis(10), Duration.ofSeconds(5)), sleeps::add);
        final ShopifyEndpoint endpoint = new ShopifyEndpoint("http://127.0.0.1:" + server.getAddress().getPort(), "2026-04");
        return new ShopifyGraphQlClient(endpoint, tokens, new CostBudget(2000, 100, 10, System::nanoTime), transport, Duration.ofSeconds(5));
    }

    @Test
    void retriesThrottledAnswerThenReturnsDataAndAdoptsBucket() {
        answers.add(new Answer(200, "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\"}}],"
                + COST.formatted("null", 12) + "}"));
        answers.add(new Answer(200, "{\"data\":{\"shop\":{\"name\":\"Maison\"}}," + COST.formatted("52", 1948) + "}"));

        final GraphQlResponse response = client(AccessTokenSource.of("shpat_x")).execute("{ shop { name } }", Map.of());

        assertEquals("Maison", response.at("shop.name").asText());
        assertEquals(52, response.cost().actualQueryCost());
        assertEquals("2026-04", response.servedApiVersion());
        // the wait before the retry is derived from the bucket: (52 - 12) points at 100/s = 0.4 s
        assertTrue(sleeps.stream().anyMatch(d -> d.toMillis() >= 350 && d.toMillis() <= 450), sleeps.toString());
    }

    /**
     * A wait too long to sleep in place ends the call unsent; its points go back to the model. Kept, each refused run would
     * be told to wait longer (6 s, 14 s, 23 s were seen), and with nothing sent the shop could never correct the model.
     */
    @Test
    void aCallRefusedForItsWaitSpendsNothingSoTheNextIsNotToldToWaitLonger() {
        final java.util.concurrent.atomic.AtomicLong frozen = new java.util.concurrent.atomic.AtomicLong();
        final CostBudget budget = new CostBudget(2000, 1, 10, frozen::get);
        budget.observe(new QueryCost(50, 50.0, 2000, 0, 1));
        final HttpTransport transport = new HttpTransport(new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(2)), RetryPolicy.NONE)::send, RetryPolicy.NONE, sleeps::add);
        final ShopifyGraphQlClient client = new ShopifyGraphQlClient(
                new ShopifyEndpoint("http://127.0.0.1:" + server.getAddress().getPort(), "2026-04"), AccessTokenSource.of("t"), budget,
                transport, Duration.ofSeconds(5));
        final List<String> dues = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            final ApiException refused = assertThrows(ApiException.class, () -> client.execute("{ shop { name } }", null));
            assertEquals("THROTTLED", refused.code());
            dues.add(refused.getMessage());
        }
        assertEquals(1, dues.stream().distinct().count(), dues.toString());
        assertEquals(0, budget.available(), 0.001);
        assertTrue(tokensSeen.isEmpty(), "nothing was sent");
    }

    @Test
    void serverErrorsAreRetriedThenReportedAsTransient() {
        for (int i = 0; i < 4; i++) {
            answers.add(new Answer(503, "unavailable"));
        }
        final ApiException e = assertThrows(ApiException.class, () -> client(AccessTokenSource.of("t")).execute("{ shop { name } }", null));
        assertEquals(ErrorClass.TRANSIENT, e.errorClass());
        assertEquals(503, e.status());
        assertTrue(answers.isEmpty());
    }

    @Test
    void renewsTokenOnceOn401() {
        answers.add(new Answer(401, "{\"errors\":\"[API] Invalid API key or access token\"}"));
        answers.add(new Answer(200, "{\"data\":{\"shop\":{\"name\":\"Maison\"}}," + COST.formatted("1", 1999) + "}"));
        final AccessTokenSource renewable = new AccessTokenSource() {
            private int generation;

            @Override
            public String accessToken() {
                return "token-" + generation;
            }

            @Override
            public void invalidate() {
                generation++;
            }

            @Override
            public boolean renewable() {
                return true;
            }
        };

        client(renewable).execute("{ shop { name } }", null);

        assertEquals(List.of("token-0", "token-1"), tokensSeen);
    }

    @Test
    void graphQlValidationErrorIsPermanentWithShopifyCode() {
        answers.add(new Answer(200, "{\"errors\":[{\"message\":\"Field 'nope' doesn't exist on type 'Shop'\","
                + "\"extensions\":{\"code\":\"undefinedField\"}}]}"));
        final ApiException e = assertThrows(ApiException.class, () -> client(AccessTokenSource.of("t")).execute("{ shop { nope } }", null));
        assertEquals(ErrorClass.PERMANENT, e.errorClass());
        assertEquals("undefinedField", e.code());
        assertEquals(1, tokensSeen.size());
    }

    @Test
    void malformedBodyIsRetried() {
        answers.add(new Answer(200, "{\"data\":{\"shop\""));
        answers.add(new Answer(200, "{\"data\":{\"shop\":{\"name\":\"M\"}}}"));
        assertEquals("M", client(AccessTokenSource.of("t")).execute("{ shop { name } }", null).at("shop.name").asText());
    }

    @Test
    void mutationIsNotResentAfterAServerErrorButIsAfterThrottling() {
        answers.add(new Answer(502, "bad gateway"));
        answers.add(new Answer(200, "{\"data\":{\"x\":1}}"));
        final ApiException e = assertThrows(ApiException.class,
                () -> client(AccessTokenSource.of("t")).executeMutation("mutation { x }", null));
        assertEquals(502, e.status());
        assertEquals(1, tokensSeen.size());

        answers.clear();
        answers.add(new Answer(200, "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\"}}]}"));
        answers.add(new Answer(200, "{\"data\":{\"x\":1}}"));
        assertEquals(1, client(AccessTokenSource.of("t")).executeMutation("mutation { x }", null).at("x").asInt());
        assertEquals(3, tokensSeen.size());
    }
}
