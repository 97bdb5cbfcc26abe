package io.nifiecommerce.sandbox.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.nifiecommerce.sandbox.Fault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** Writes answers on the JDK server: JSON bodies, and the injected failures (5xx, lost connection, garbled body). */
public final class HttpReplies {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicLong SERVER_ERRORS = new AtomicLong();

    private HttpReplies() {
    }

    public static void json(final HttpExchange exchange, final int status, final Object body) throws IOException {
        bytes(exchange, status, "application/json; charset=utf-8", MAPPER.writeValueAsBytes(body));
    }

    public static void bytes(final HttpExchange exchange, final int status, final String contentType, final byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Fails the exchange as the fault says. SERVER_ERROR alternates 500 and 503; TIMEOUT holds the
     * connection, then drops it; CONNECTION_RESET drops it at once, before any byte of the answer;
     * MALFORMED_BODY answers 200 with the first half of {@code body}.
     */
    public static void fail(final HttpExchange exchange, final Fault fault, final Duration hold, final byte[] body) throws IOException {
        switch (fault) {
            case SERVER_ERROR -> {
                final boolean unavailable = SERVER_ERRORS.incrementAndGet() % 2 == 0;
                json(exchange, unavailable ? 503 : 500, java.util.Map.of("errors", unavailable ? "Service Unavailable" : "Internal Server Error"));
            }
            case TIMEOUT -> {
                try {
                    Thread.sleep(hold);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                drop(exchange);
            }
            case CONNECTION_RESET -> drop(exchange);
            case MALFORMED_BODY -> {
                final byte[] full = body == null ? "{\"data\":{\"orders\":{\"edges\":[]}}}".getBytes(StandardCharsets.UTF_8) : body;
                bytes(exchange, 200, "application/json; charset=utf-8", Arrays.copyOf(full, Math.max(1, full.length / 2)));
            }
            default -> json(exchange, 500, java.util.Map.of("errors", "Internal Server Error"));
        }
    }

    /** Leaves the handler with {@link ConnectionDrop}: the JDK server then closes the connection without an answer. */
    private static void drop(final HttpExchange exchange) {
        throw new ConnectionDrop();
    }

    /** Thrown out of a handler to close the connection with no response at all (the client sees a reset). */
    public static final class ConnectionDrop extends RuntimeException {
        public ConnectionDrop() {
            super("connection dropped on purpose", null, false, false);
        }
    }
}
