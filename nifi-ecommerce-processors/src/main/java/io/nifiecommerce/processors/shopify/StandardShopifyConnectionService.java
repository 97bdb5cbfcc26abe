package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.QuotaRegistry;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.processors.BlankOrUrlValidator;
import io.nifiecommerce.processors.ClusterNodes;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.HttpClientProperties;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.ApiVersion;
import io.nifiecommerce.shopify.ClientCredentialsTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.CostBudgets;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.controller.VerifiableControllerService;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.util.StandardValidators;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.nifiecommerce.processors.VerificationResults.step;

@Tags({"shopify", "graphql", "admin api", "ecommerce", "connection"})
@CapabilityDescription("The connection to one Shopify shop's Admin GraphQL API: store domain, pinned API version, credentials "
        + "(an Admin API access token, or the client-credentials grant of an app owned by the shop's organisation), timeouts, "
        + "retries, proxy and TLS. Every processor using this service shares one cost budget, a model of the shop's "
        + "leaky bucket fed by each response's throttleStatus, so that together they stay under the shop's rate limit. The bucket "
        + "is the app's on the shop: every connection service of the same shop and credentials on a node shares that one budget, "
        + "and in a cluster each node keeps its share of it.")
public class StandardShopifyConnectionService extends AbstractControllerService implements ShopifyConnectionService, VerifiableControllerService {

    static final AllowableValue AUTH_ACCESS_TOKEN = new AllowableValue("ACCESS_TOKEN", "Access Token",
            "An Admin API access token (shpat_...) of a custom app, sent as X-Shopify-Access-Token.");
    static final AllowableValue AUTH_CLIENT_CREDENTIALS = new AllowableValue("CLIENT_CREDENTIALS", "Client Credentials",
            "The client-credentials grant of an app owned by the shop's organisation: a token is fetched from "
                    + "/admin/oauth/access_token, renewed before it expires and once when Shopify refuses it.");

    public static final PropertyDescriptor STORE_DOMAIN = new PropertyDescriptor.Builder()
            .name("Store Domain")
            .description("The shop's permanent domain, e.g. my-shop.myshopify.com (my-shop alone is accepted). Not the shop's custom domain.")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    public static final PropertyDescriptor API_VERSION = new PropertyDescriptor.Builder()
            .name("API Version")
            .description("The Admin API version every request is pinned to. Each version is supported for 12 months from its release; "
                    + "the service warns " + ApiVersion.WARNING_DAYS + " days before the end of support and refuses a version past it, "
                    + "because Shopify would silently serve another one.")
            .required(true)
            .allowableValues(apiVersionValues())
            .defaultValue(ApiVersion.DEFAULT)
            .build();

    public static final PropertyDescriptor AUTHENTICATION = new PropertyDescriptor.Builder()
            .name("Authentication")
            .description("How the service obtains the Admin API access token.")
            .required(true)
            .allowableValues(AUTH_ACCESS_TOKEN, AUTH_CLIENT_CREDENTIALS)
            .defaultValue(AUTH_ACCESS_TOKEN.getValue())
            .build();

    public static final PropertyDescriptor ACCESS_TOKEN = new PropertyDescriptor.Builder()
            .name("Access Token")
            .description("The Admin API access token of the app installed on the shop.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION, AUTH_ACCESS_TOKEN)
            .build();

    public static final PropertyDescriptor CLIENT_ID = new PropertyDescriptor.Builder()
            .name("Client ID")
            .description("The app's client id (API key).")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION, AUTH_CLIENT_CREDENTIALS)
            .build();

    public static final PropertyDescriptor CLIENT_SECRET = new PropertyDescriptor.Builder()
            .name("Client Secret")
            .description("The app's client secret.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION, AUTH_CLIENT_CREDENTIALS)
            .build();

    public static final PropertyDescriptor CONNECT_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Connect Timeout")
            .description("How long to wait for a connection to Shopify.")
            .required(true)
            .defaultValue("10 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor READ_TIMEOUT = HttpClientProperties.READ_TIMEOUT;

    public static final PropertyDescriptor MAX_ATTEMPTS = new PropertyDescriptor.Builder()
            .fromPropertyDescriptor(HttpClientProperties.MAX_ATTEMPTS)
            .description("Attempts per request, the first included, when Shopify throttles (THROTTLED, HTTP 429), answers 5xx or "
                    + "the connection fails. Waits grow exponentially with jitter, honouring Retry-After and the bucket's restore rate.")
            .build();

    public static final PropertyDescriptor MAX_BACKOFF = HttpClientProperties.MAX_BACKOFF;

    public static final PropertyDescriptor SSL_CONTEXT_SERVICE = HttpClientProperties.SSL_CONTEXT_SERVICE;

    public static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE = HttpClientProperties.PROXY_CONFIGURATION_SERVICE;

    /** Flow definitions set the override from a parameter that is empty in production: blank means none. */
    public static final PropertyDescriptor BASE_URL_OVERRIDE = new PropertyDescriptor.Builder()
            .name("Base URL Override")
            .description("For tests and the sandbox only: sends every request to this base URL (e.g. http://127.0.0.1:8443) "
                    + "instead of https://{Store Domain}. Leave empty in production.")
            .required(false)
            .addValidator(BlankOrUrlValidator.INSTANCE)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(
            STORE_DOMAIN, API_VERSION, AUTHENTICATION, ACCESS_TOKEN, CLIENT_ID, CLIENT_SECRET, CONNECT_TIMEOUT, READ_TIMEOUT,
            MAX_ATTEMPTS, MAX_BACKOFF, SSL_CONTEXT_SERVICE, PROXY_CONFIGURATION_SERVICE, BASE_URL_OVERRIDE);

    private volatile Clock clock = Clock.systemUTC();
    private volatile QuotaRegistry<Void, CostBudget>.Lease budget;
    private volatile ShopifyGraphQlClient client;
    private volatile String shopDomain;
    private volatile String apiVersion;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    /** The supported versions, each saying how far the bundle's documents were checked against it. */
    static AllowableValue[] apiVersionValues() {
        final ApiVersion newestValidated = ApiVersion.parse(ApiVersion.SCHEMA_VALIDATED.get(0));
        return ApiVersion.SUPPORTED.stream().map(handle -> {
            final ApiVersion version = ApiVersion.parse(handle);
            final String description;
            if (ApiVersion.SCHEMA_VALIDATED.contains(handle)) {
                description = "Every document the bundle sends is validated against this version's Admin SDL.";
            } else if (version.compareTo(newestValidated) > 0) {
                description = "Accepted on a review of Shopify's release notes: its SDL is not in the bundle's reference data, "
                        + "so the documents are not validated against it (see the integrator guide).";
            } else {
                description = "Older version, served by Shopify until " + version.endOfSupport()
                        + "; its SDL is not in the bundle's reference data.";
            }
            return new AllowableValue(handle, handle, description);
        }).toArray(AllowableValue[]::new);
    }

    /** Test seam: the date used to judge the API version's end of support. */
    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        HttpClientProperties.validate(context, results);
        final String version = context.getProperty(API_VERSION).getValue();
        if (version != null) {
            final ApiVersion parsed = ApiVersion.parse(version);
            if (parsed.support(today()) == ApiVersion.Support.UNSUPPORTED) {
                results.add(new ValidationResult.Builder().subject(API_VERSION.getName()).input(version).valid(false)
                        .explanation(parsed.supportWarning(today())).build());
            }
        }
        return results;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) {
        shopDomain = context.getProperty(STORE_DOMAIN).evaluateAttributeExpressions().getValue().trim();
        apiVersion = context.getProperty(API_VERSION).getValue();
        budget = leaseBudget(context);
        client = createClient(context, budget.quota());
        final String warning = ApiVersion.parse(apiVersion).supportWarning(today());
        if (warning != null) {
            getLogger().warn(warning);
        }
    }

    @OnDisabled
    public void onDisabled() {
        client = null;
        final QuotaRegistry<Void, CostBudget>.Lease held = budget;
        budget = null;
        if (held != null) {
            held.close();
        }
    }

    @Override
    public ShopifyGraphQlClient client() {
        final ShopifyGraphQlClient current = client;
        if (current == null) {
            throw new IllegalStateException("The Shopify connection service is not enabled");
        }
        return current;
    }

    @Override
    public String shopDomain() {
        return shopDomain;
    }

    @Override
    public String apiVersion() {
        return apiVersion;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> variables) {
        final QuotaRegistry<Void, CostBudget>.Lease verifyingBudget;
        final ShopifyGraphQlClient verifying;
        try {
            verifyingBudget = leaseBudget(context);
        } catch (final RuntimeException e) {
            return List.of(step("Configure Connection", Outcome.FAILED, "Cannot build the connection: " + e.getMessage()));
        }
        // the shop's budget, as the service's requests would have: verifying beside running flows does not overspend it
        try (verifyingBudget) {
            try {
                verifying = createClient(context, verifyingBudget.quota());
            } catch (final RuntimeException e) {
                return List.of(step("Configure Connection", Outcome.FAILED, "Cannot build the connection: " + e.getMessage()));
            }
            return verify(context, verifying);
        }
    }

    private List<ConfigVerificationResult> verify(final ConfigurationContext context, final ShopifyGraphQlClient verifying) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final String version = context.getProperty(API_VERSION).getValue();
        final GraphQlResponse response;
        try {
            response = verifying.execute(ShopifyDocument.SHOP_VERIFICATION.text(), Map.of());
        } catch (final ApiException e) {
            results.add(step("Authenticate and Read Shop", Outcome.FAILED, e.code() + ": " + e.getMessage()));
            results.add(step("API Version", Outcome.SKIPPED, "Requires a successful request"));
            results.add(step("Access Scopes", Outcome.SKIPPED, "Requires a successful request"));
            return results;
        }
        results.add(step("Authenticate and Read Shop", Outcome.SUCCESSFUL,
                "Connected to shop '" + response.at("shop.name").asText() + "' (" + response.at("shop.myshopifyDomain").asText() + ")"));
        results.add(versionResult(version, response.servedApiVersion()));
        final List<String> scopes = scopes(response.at("currentAppInstallation.accessScopes"));
        results.add(step("Access Scopes", scopes.contains("read_orders") || scopes.contains("write_orders") ? Outcome.SUCCESSFUL : Outcome.FAILED,
                "Granted: " + String.join(", ", scopes) + (scopes.contains("read_orders") || scopes.contains("write_orders")
                        ? "" : ". Reading orders needs read_orders")));
        return results;
    }

    ConfigVerificationResult versionResult(final String requested, final String served) {
        final ApiVersion parsed = ApiVersion.parse(requested);
        final String warning = parsed.supportWarning(today());
        if (served != null && !served.equals(requested)) {
            return step("API Version", Outcome.FAILED, "Requested " + requested + " but Shopify served " + served
                    + ": the requested version fell forward. Pin a supported version.");
        }
        if (parsed.support(today()) == ApiVersion.Support.UNSUPPORTED) {
            return step("API Version", Outcome.FAILED, warning);
        }
        return step("API Version", Outcome.SUCCESSFUL, "Served " + (served == null ? requested : served)
                + ", supported until " + parsed.endOfSupport() + (warning == null ? "" : ". Warning: " + warning));
    }

    static List<String> scopes(final JsonNode accessScopes) {
        final List<String> scopes = new ArrayList<>();
        for (final JsonNode scope : accessScopes) {
            scopes.add(scope.path("handle").asText());
        }
        return scopes;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /**
     * The cost budget of this service's app on its shop, which every connection service of the same shop and app on this
     * node shares (the bucket is the app's on the shop), with this node's cluster share.
     */
    private QuotaRegistry<Void, CostBudget>.Lease leaseBudget(final PropertyContext context) {
        final String app = AUTH_CLIENT_CREDENTIALS.getValue().equals(context.getProperty(AUTHENTICATION).getValue())
                ? CostBudgets.clientApp(context.getProperty(CLIENT_ID).getValue())
                : CostBudgets.tokenApp(context.getProperty(ACCESS_TOKEN).getValue());
        return CostBudgets.lease(endpoint(context), app, ClusterNodes.share(getNodeTypeProvider(), getLogger()));
    }

    private static ShopifyEndpoint endpoint(final PropertyContext context) {
        final String domain = context.getProperty(STORE_DOMAIN).evaluateAttributeExpressions().getValue();
        final String override = context.getProperty(BASE_URL_OVERRIDE).evaluateAttributeExpressions().getValue();
        return ShopifyEndpoint.forShop(override == null || override.isBlank() ? domain : override, context.getProperty(API_VERSION).getValue());
    }

    private ShopifyGraphQlClient createClient(final PropertyContext context, final CostBudget budget) {
        final ShopifyEndpoint endpoint = endpoint(context);
        final Duration connectTimeout = Duration.ofMillis(context.getProperty(CONNECT_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS));
        final Duration readTimeout = Duration.ofMillis(context.getProperty(READ_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS));
        final HttpClient httpClient = HttpClientProperties.createClient(context, connectTimeout);
        final RetryPolicy retryPolicy = new RetryPolicy(context.getProperty(MAX_ATTEMPTS).asInteger(), Duration.ofMillis(250),
                Duration.ofMillis(context.getProperty(MAX_BACKOFF).asTimePeriod(TimeUnit.MILLISECONDS)));
        final HttpTransport transport = new HttpTransport(httpClient, retryPolicy);
        final AccessTokenSource tokens;
        if (AUTH_CLIENT_CREDENTIALS.getValue().equals(context.getProperty(AUTHENTICATION).getValue())) {
            tokens = new ClientCredentialsTokenSource(endpoint.accessTokenUri(), context.getProperty(CLIENT_ID).getValue(),
                    context.getProperty(CLIENT_SECRET).getValue(), transport, readTimeout, Clock.systemUTC());
        } else {
            tokens = AccessTokenSource.of(context.getProperty(ACCESS_TOKEN).getValue());
        }
        return new ShopifyGraphQlClient(endpoint, tokens, budget, transport, readTimeout, httpClient);
    }

    /**
     * Former property names of this controller service, each with its current name: when a property is renamed, add the pair here so
     * that flows saved with the former name keep their value. None has been renamed so far.
     */
    static final PropertyRenames RENAMED_PROPERTIES = PropertyRenames.none();

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        RENAMED_PROPERTIES.applyTo(config);
    }
}
