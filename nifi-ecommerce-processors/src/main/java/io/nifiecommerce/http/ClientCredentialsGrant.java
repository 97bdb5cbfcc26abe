package io.nifiecommerce.http;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OAuth2 client-credentials grant and the cache of its token, for every vendor. The token is kept
 * until a margin before it expires, so that a long page loop or $batch never starts with a token about
 * to lapse, and renewed on demand after the server refused it. Each vendor reads its own answer
 * (field names, error bodies) through a {@link TokenAnswer}. Thread-safe; concurrent callers share one
 * renewal. The secret is only ever in the request body.
 */
public final class ClientCredentialsGrant {

    /** Renewal margin of tokens living more than twice as long; shorter ones are renewed a tenth of their life early. */
    static final Duration RENEWAL_MARGIN = Duration.ofMinutes(5);

    /** A token as issued: its value, how long it lives, and the scopes granted (null when not stated). */
    public record IssuedToken(String value, Duration lifetime, String scope) {
        @Override
        public String toString() {
            return "IssuedToken[" + lifetime + ", " + scope + "]";
        }
    }

    /** Reads the token endpoint's answer, or throws the vendor's {@link ApiException} when it refuses. */
    @FunctionalInterface
    public interface TokenAnswer {
        IssuedToken read(HttpResponse<byte[]> response);
    }

    private final URI tokenUri;
    private final String form;
    private final HttpTransport transport;
    private final Duration timeout;
    private final Clock clock;
    private final TokenAnswer answer;

    private IssuedToken token;
    private String grantedScope;
    private Instant renewAt = Instant.MIN;

    /**
     * @param extraParameters further form fields, e.g. the scope asked for, in the order given
     */
    public ClientCredentialsGrant(final URI tokenUri, final String clientId, final String clientSecret, final Map<String, String> extraParameters,
                                  final HttpTransport transport, final Duration timeout, final Clock clock, final TokenAnswer answer) {
        this(tokenUri, grant("client_credentials", clientId, clientSecret, extraParameters), transport, timeout, clock, answer);
    }

    /**
     * The same cache over another grant of the token endpoint, e.g. Login with Amazon's {@code refresh_token} grant,
     * whose form carries the client's id and secret as the client-credentials grant does.
     *
     * @param form every form field, {@code grant_type} included, in the order given
     */
    public ClientCredentialsGrant(final URI tokenUri, final Map<String, String> form, final HttpTransport transport, final Duration timeout,
                                  final Clock clock, final TokenAnswer answer) {
        this.tokenUri = tokenUri;
        this.form = form.entrySet().stream()
                .map(parameter -> parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        this.transport = transport;
        this.timeout = timeout;
        this.clock = clock;
        this.answer = answer;
    }

    /** The form of a grant: its type, the client's credentials, then the grant's own fields. */
    public static Map<String, String> grant(final String grantType, final String clientId, final String clientSecret,
                                            final Map<String, String> parameters) {
        final Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", grantType);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.putAll(parameters);
        return form;
    }

    public URI tokenUri() {
        return tokenUri;
    }

    /** The current token, fetched first when there is none or it is about to expire. */
    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            renew();
        }
        return token.value();
    }

    /** Forgets the token after the server refused it: the next {@link #token()} fetches a new one. */
    public synchronized void invalidate() {
        token = null;
    }

    /** The scopes granted with the last token, as the server listed them, or null. */
    public synchronized String grantedScope() {
        return grantedScope;
    }

    private void renew() {
        final HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        final IssuedToken issued = answer.read(transport.send(request));
        final Duration lifetime = issued.lifetime();
        final Duration margin = lifetime.compareTo(RENEWAL_MARGIN.multipliedBy(2)) < 0 ? lifetime.dividedBy(10) : RENEWAL_MARGIN;
        token = issued;
        grantedScope = issued.scope();
        renewAt = clock.instant().plus(lifetime).minus(margin);
    }

    @Override
    public String toString() {
        return "ClientCredentialsGrant[" + tokenUri + "]";
    }
}
