package io.nifiecommerce.processors.mirakl;

import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.mirakl.MiraklClient;
import io.nifiecommerce.mirakl.MiraklSellerApi;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

@Tags({"mirakl", "marketplace", "seller api", "ecommerce", "connection"})
@CapabilityDescription("The connection to one seller shop on a marketplace run on Mirakl (Carrefour, Fnac Darty, Leroy Merlin, Boulanger, "
        + "Decathlon...): the operator's instance URL, the shop's API key (sent in the Authorization header), the shop id when the "
        + "key's user has several shops, timeouts, retries, proxy and TLS. Mirakl answers HTTP 429 with Retry-After to a caller over "
        + "its rate limit: the wait is honoured and the call retried within Max Attempts.")
public class StandardMiraklConnectionService extends AbstractControllerService implements MiraklConnectionService, VerifiableControllerService {

    public static final PropertyDescriptor INSTANCE_URL = new PropertyDescriptor.Builder()
            .name("Instance URL")
            .description("The marketplace operator's Mirakl instance, e.g. https://marketplace.example.mirakl.net (without /api). "
                    + "The operator gives it with the API key.")
            .required(true)
            .addValidator(StandardValidators.URL_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    public static final PropertyDescriptor API_KEY = new PropertyDescriptor.Builder()
            .name("API Key")
            .description("The shop's API key, generated in the Mirakl back office (My user settings, API key).")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor SHOP_ID = new PropertyDescriptor.Builder()
            .name("Shop ID")
            .description("Mirakl's shop_id, for a key whose user has access to several shops; empty for the user's default shop.")
            .required(false)
            .addValidator(StandardValidators.POSITIVE_LONG_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    public static final PropertyDescriptor MARKETPLACE = new PropertyDescriptor.Builder()
            .name("Marketplace Code")
            .description("A short code naming the marketplace, e.g. carrefour or fnac-darty: the channel of its orders (the ERP's "
                    + "channel dimension value and customer are chosen from it) and the prefix of its accounting documents' keys.")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor READ_TIMEOUT = HttpClientProperties.READ_TIMEOUT;

    public static final PropertyDescriptor MAX_ATTEMPTS = new PropertyDescriptor.Builder()
            .fromPropertyDescriptor(HttpClientProperties.MAX_ATTEMPTS)
            .description("Attempts per request, the first included, when Mirakl throttles (429), answers 5xx or the connection fails. "
                    + "Waits grow exponentially with jitter and honour Retry-After.")
            .build();

    public static final PropertyDescriptor MAX_BACKOFF = new PropertyDescriptor.Builder()
            .fromPropertyDescriptor(HttpClientProperties.MAX_BACKOFF)
            .defaultValue("60 secs")
            .build();

    public static final PropertyDescriptor SSL_CONTEXT_SERVICE = HttpClientProperties.SSL_CONTEXT_SERVICE;
    public static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE = HttpClientProperties.PROXY_CONFIGURATION_SERVICE;

    static final List<PropertyDescriptor> PROPERTIES = List.of(INSTANCE_URL, API_KEY, SHOP_ID, MARKETPLACE, READ_TIMEOUT, MAX_ATTEMPTS,
            MAX_BACKOFF, SSL_CONTEXT_SERVICE, PROXY_CONFIGURATION_SERVICE);

    private volatile MiraklSellerApi api;
    private volatile String marketplace;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        HttpClientProperties.validate(context, results);
        return results;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) {
        api = createApi(context);
        marketplace = context.getProperty(MARKETPLACE).getValue().trim();
    }

    @OnDisabled
    public void onDisabled() {
        api = null;
    }

    @Override
    public MiraklSellerApi api() {
        final MiraklSellerApi current = api;
        if (current == null) {
            throw new IllegalStateException("The Mirakl connection service is not enabled");
        }
        return current;
    }

    @Override
    public String marketplace() {
        return marketplace;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> variables) {
        return VerificationResults.roundTrip("Authenticate and List Orders (OR11)", () -> {
            final MiraklSellerApi verifying = createApi(context);
            final int orders = verifying.listOrdersUpdated(null, null, 0, 1).totalCount();
            return "Connected to " + verifying.client().instance() + ": the shop has " + orders + " orders";
        });
    }

    private static MiraklSellerApi createApi(final PropertyContext context) {
        final String shop = context.getProperty(SHOP_ID).evaluateAttributeExpressions().getValue();
        final Duration readTimeout = Duration.ofMillis(context.getProperty(READ_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS));
        final RetryPolicy retry = new RetryPolicy(context.getProperty(MAX_ATTEMPTS).asInteger(), Duration.ofMillis(500),
                Duration.ofMillis(context.getProperty(MAX_BACKOFF).asTimePeriod(TimeUnit.MILLISECONDS)));
        final HttpTransport transport = new HttpTransport(HttpClientProperties.createClient(context, Duration.ofSeconds(10)), retry);
        return new MiraklSellerApi(new MiraklClient(URI.create(context.getProperty(INSTANCE_URL).evaluateAttributeExpressions().getValue().trim()),
                context.getProperty(API_KEY).getValue(), shop == null || shop.isBlank() ? null : Long.valueOf(shop.trim()), transport, readTimeout));
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
