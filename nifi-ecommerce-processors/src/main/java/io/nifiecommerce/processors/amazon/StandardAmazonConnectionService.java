package io.nifiecommerce.processors.amazon;

import io.nifiecommerce.amazon.LwaCredentials;
import io.nifiecommerce.amazon.OrdersV0;
import io.nifiecommerce.amazon.SellingPartnerClient;
import io.nifiecommerce.amazon.UsagePlans;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.QuotaRegistry;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.processors.HttpClientProperties;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.VerificationResults;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.ConfigVerificationResult;
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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

@Tags({"amazon", "selling partner api", "sp-api", "marketplace", "ecommerce", "connection", "lwa"})
@CapabilityDescription("The connection to one selling partner on Amazon's Selling Partner API (SP-API) of one region: the regional endpoint, "
        + "Login with Amazon's token endpoint, the application's LWA client id and secret and the refresh token the selling partner "
        + "granted (exchanged for one-hour access tokens, renewed before they lapse), the marketplaces read, timeouts, retries, proxy "
        + "and TLS. Every operation is paced by its usage plan (a token bucket per operation, Amazon's default rates, then the rate "
        + "Amazon announces in x-amzn-RateLimit-Limit), shared by every processor using this service and by every other connection "
        + "service of the same selling partner (refresh token), application (LWA client id) and endpoint on the node.")
public class StandardAmazonConnectionService extends AbstractControllerService implements AmazonConnectionService, VerifiableControllerService {

    public static final PropertyDescriptor ENDPOINT = new PropertyDescriptor.Builder()
            .name("Endpoint")
            .description("The Selling Partner API endpoint of the selling partner's region: https://sellingpartnerapi-eu.amazon.com (Europe), "
                    + "https://sellingpartnerapi-na.amazon.com (North America), https://sellingpartnerapi-fe.amazon.com (Far East).")
            .required(true)
            .defaultValue("https://sellingpartnerapi-eu.amazon.com")
            .addValidator(StandardValidators.URL_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    public static final PropertyDescriptor LWA_ENDPOINT = new PropertyDescriptor.Builder()
            .name("LWA Endpoint")
            .description("Login with Amazon's token endpoint, where the refresh token is exchanged for access tokens.")
            .required(true)
            .defaultValue("https://api.amazon.com/auth/o2/token")
            .addValidator(StandardValidators.URL_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    public static final PropertyDescriptor CLIENT_ID = new PropertyDescriptor.Builder()
            .name("LWA Client ID")
            .description("The application's LWA client identifier (amzn1.application-oa2-client...), from Developer Central.")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    public static final PropertyDescriptor CLIENT_SECRET = new PropertyDescriptor.Builder()
            .name("LWA Client Secret")
            .description("The application's LWA client secret. Amazon rotates it on a schedule: update it before the old one expires.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor REFRESH_TOKEN = new PropertyDescriptor.Builder()
            .name("Refresh Token")
            .description("The LWA refresh token (Atzr|...) the selling partner granted by authorising the application.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor MARKETPLACE_IDS = new PropertyDescriptor.Builder()
            .name("Marketplace IDs")
            .description("Amazon's ids of the marketplaces whose orders are read, comma-separated (at most 50), e.g. A13V1IB3VIYZZH "
                    + "(Amazon.fr), A1PA6795UKMFR9 (Amazon.de), APJ6JRA9NG5V4 (Amazon.it), A1RKKUPIHCS9HS (Amazon.es).")
            .required(true)
            .defaultValue("A13V1IB3VIYZZH")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    public static final PropertyDescriptor CHANNEL = new PropertyDescriptor.Builder()
            .name("Channel Code")
            .description("The channel of Amazon's orders: the orders' channel, whose upper-cased value is the ERP's channel dimension value.")
            .required(true)
            .defaultValue("amazon")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor READ_TIMEOUT = HttpClientProperties.READ_TIMEOUT;

    public static final PropertyDescriptor MAX_ATTEMPTS = new PropertyDescriptor.Builder()
            .fromPropertyDescriptor(HttpClientProperties.MAX_ATTEMPTS)
            .description("Attempts per request, the first included, when Amazon throttles (429), answers 5xx or the connection fails. "
                    + "Waits grow exponentially with jitter.")
            .defaultValue("4")
            .build();

    public static final PropertyDescriptor MAX_BACKOFF = HttpClientProperties.MAX_BACKOFF;

    public static final PropertyDescriptor MAX_RATE_WAIT = new PropertyDescriptor.Builder()
            .name("Max Rate Wait")
            .description("The longest a request waits inline for its operation's usage plan. A longer wait ends the processor's run "
                    + "(what was read is kept) and the next run goes on: getOrders refills one request a minute after its burst.")
            .required(true)
            .defaultValue("10 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor SSL_CONTEXT_SERVICE = HttpClientProperties.SSL_CONTEXT_SERVICE;
    public static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE = HttpClientProperties.PROXY_CONFIGURATION_SERVICE;

    static final List<PropertyDescriptor> PROPERTIES = List.of(ENDPOINT, LWA_ENDPOINT, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, MARKETPLACE_IDS,
            CHANNEL, READ_TIMEOUT, MAX_ATTEMPTS, MAX_BACKOFF, MAX_RATE_WAIT, SSL_CONTEXT_SERVICE, PROXY_CONFIGURATION_SERVICE);

    private volatile QuotaRegistry<Void, UsagePlans>.Lease plans;
    private volatile OrdersV0 orders;
    private volatile String channel;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        HttpClientProperties.validate(context, results);
        final String ids = context.getProperty(MARKETPLACE_IDS).evaluateAttributeExpressions().getValue();
        final long count = ids == null ? 0 : Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty()).count();
        if (count == 0 || count > OrdersV0.MAX_MARKETPLACES) {
            results.add(new ValidationResult.Builder().subject(MARKETPLACE_IDS.getDisplayName()).input(ids).valid(false)
                    .explanation("getOrders takes 1 to " + OrdersV0.MAX_MARKETPLACES + " marketplace ids").build());
        }
        return results;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) {
        plans = leasePlans(context);
        orders = createOrders(context, plans.quota());
        channel = context.getProperty(CHANNEL).getValue().trim();
    }

    @OnDisabled
    public void onDisabled() {
        orders = null;
        final QuotaRegistry<Void, UsagePlans>.Lease held = plans;
        plans = null;
        if (held != null) {
            held.close();
        }
    }

    @Override
    public OrdersV0 orders() {
        final OrdersV0 current = orders;
        if (current == null) {
            throw new IllegalStateException("The Amazon connection service is not enabled");
        }
        return current;
    }

    @Override
    public SellingPartnerClient client() {
        return orders().client();
    }

    @Override
    public List<String> marketplaceIds() {
        return orders().marketplaceIds();
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> variables) {
        return VerificationResults.roundTrip("Exchange the Refresh Token and Get Orders (getOrders)", () -> {
            final int orders;
            final OrdersV0 verifying;
            // the pair's plans, as the service's calls would have: a verification beside running flows spends getOrders once
            try (QuotaRegistry<Void, UsagePlans>.Lease verifyingPlans = leasePlans(context)) {
                verifying = createOrders(context, verifyingPlans.quota());
                final Instant before = Instant.now().minus(Duration.ofMinutes(3));
                orders = verifying.ordersUpdated(before.minus(Duration.ofDays(1)), before, 1).orders().size();
            }
            return "Connected to " + verifying.client().endpointHost() + " for "
                    + String.join(",", verifying.marketplaceIds()) + (orders == 0 ? ": no order updated in the last day" : ": orders found");
        });
    }

    /**
     * The usage plans of this service's selling partner and application, which every connection service of the same pair
     * on this node shares: Amazon meters each operation per pair.
     */
    private static QuotaRegistry<Void, UsagePlans>.Lease leasePlans(final PropertyContext context) {
        return UsagePlans.lease(URI.create(context.getProperty(ENDPOINT).evaluateAttributeExpressions().getValue().trim()),
                context.getProperty(CLIENT_ID).evaluateAttributeExpressions().getValue().trim(), context.getProperty(REFRESH_TOKEN).getValue(),
                Clock.systemUTC());
    }

    private static OrdersV0 createOrders(final PropertyContext context, final UsagePlans plans) {
        final Duration readTimeout = Duration.ofMillis(context.getProperty(READ_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS));
        final RetryPolicy retry = new RetryPolicy(context.getProperty(MAX_ATTEMPTS).asInteger(), Duration.ofMillis(500),
                Duration.ofMillis(context.getProperty(MAX_BACKOFF).asTimePeriod(TimeUnit.MILLISECONDS)));
        final HttpTransport transport = new HttpTransport(HttpClientProperties.createClient(context, Duration.ofSeconds(10)), retry);
        final SellingPartnerClient client = new SellingPartnerClient(
                URI.create(context.getProperty(ENDPOINT).evaluateAttributeExpressions().getValue().trim()),
                URI.create(context.getProperty(LWA_ENDPOINT).evaluateAttributeExpressions().getValue().trim()),
                new LwaCredentials(context.getProperty(CLIENT_ID).evaluateAttributeExpressions().getValue().trim(),
                        context.getProperty(CLIENT_SECRET).getValue(), context.getProperty(REFRESH_TOKEN).getValue()),
                transport, readTimeout, Duration.ofMillis(context.getProperty(MAX_RATE_WAIT).asTimePeriod(TimeUnit.MILLISECONDS)),
                Clock.systemUTC(), plans);
        final List<String> marketplaces = Arrays.stream(context.getProperty(MARKETPLACE_IDS).evaluateAttributeExpressions().getValue().split(","))
                .map(String::trim).filter(id -> !id.isEmpty()).toList();
        return new OrdersV0(client, marketplaces);
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
