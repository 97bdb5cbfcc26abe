package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.businesscentral.BasicCredentials;
import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;
import io.nifiecommerce.businesscentral.ClientCredentialsToken;
import io.nifiecommerce.businesscentral.Credentials;
import io.nifiecommerce.businesscentral.RequestGovernor;
import io.nifiecommerce.businesscentral.RequestGovernors;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.QuotaRegistry;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.processors.BlankOrUrlValidator;
import io.nifiecommerce.processors.ClusterNodes;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.HttpClientProperties;
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
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.controller.VerifiableControllerService;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.oauth2.AccessToken;
import org.apache.nifi.oauth2.OAuth2AccessTokenProvider;
import org.apache.nifi.processor.util.StandardValidators;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.nifiecommerce.processors.VerificationResults.step;

@Tags({"business central", "dynamics 365", "microsoft", "erp", "odata", "oauth2", "connection"})
@CapabilityDescription("Connects to one company of Microsoft Dynamics 365 Business Central (online or on-premises) through its API v2.0 "
        + "or custom API pages. Holds the credentials (Microsoft Entra ID client credentials, Basic, or a NiFi OAuth2 Access Token "
        + "Provider) and the rate governance every processor using it shares: a cap on concurrent requests, a local sliding window "
        + "that paces requests before Business Central answers 429, an adaptive slowdown when it does, and Retry-After honoured. "
        + "Business Central's limits are the user's: every connection service of the same user (Entra ID app, Basic user name or "
        + "token provider) on the same environment shares one governor on a node, whatever company it names, with the strictest "
        + "of their limits; in a cluster each node keeps its share of them.")
public class StandardBusinessCentralConnectionService extends AbstractControllerService
        implements BusinessCentralConnectionService, VerifiableControllerService {

    static final AllowableValue DEPLOYMENT_ONLINE = new AllowableValue("ONLINE", "Online",
            "Business Central online: the URL is built from the Tenant ID and Environment");
    static final AllowableValue DEPLOYMENT_BASE_URL = new AllowableValue("BASE_URL", "Base URL",
            "A full service root URL: on-premises servers, proxies, or any other host");

    static final AllowableValue AUTH_CLIENT_CREDENTIALS = new AllowableValue("CLIENT_CREDENTIALS", "Entra ID Client Credentials",
            "OAuth2 client credentials of a Microsoft Entra ID app registration (service-to-service)");
    static final AllowableValue AUTH_BASIC = new AllowableValue("BASIC", "Basic",
            "User name and web service access key or password (on-premises)");
    static final AllowableValue AUTH_OAUTH2_PROVIDER = new AllowableValue("OAUTH2_PROVIDER", "OAuth2 Access Token Provider",
            "Tokens from a NiFi OAuth2 Access Token Provider controller service");

    public static final PropertyDescriptor DEPLOYMENT = new PropertyDescriptor.Builder()
            .name("Deployment")
            .description("How the Business Central endpoint is given.")
            .required(true)
            .allowableValues(DEPLOYMENT_ONLINE, DEPLOYMENT_BASE_URL)
            .defaultValue(DEPLOYMENT_ONLINE.getValue())
            .build();

    public static final PropertyDescriptor TENANT_ID = new PropertyDescriptor.Builder()
            .name("Tenant ID")
            .description("Microsoft Entra tenant id (GUID) or domain of the customer. Used in the online API URL and for client credentials.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor ENVIRONMENT = new PropertyDescriptor.Builder()
            .name("Environment")
            .description("Name of the Business Central environment, e.g. Production or Sandbox.")
            .required(true)
            .defaultValue("Production")
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(DEPLOYMENT, DEPLOYMENT_ONLINE)
            .build();

    public static final PropertyDescriptor API_URL_OVERRIDE = new PropertyDescriptor.Builder()
            .name("API URL Override")
            .description("Replaces https://api.businesscentral.dynamics.com, e.g. to point at the sandbox simulator or a proxy. Leave empty in production.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(BlankOrUrlValidator.INSTANCE)
            .dependsOn(DEPLOYMENT, DEPLOYMENT_ONLINE)
            .build();

    public static final PropertyDescriptor BASE_URL = new PropertyDescriptor.Builder()
            .name("Base URL")
            .description("Service root of the server instance, without the API route, e.g. https://bc.example.com:7048/BC. "
                    + "API routes (api/v2.0 or api/{publisher}/{group}/{version}) are appended to it.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.URL_VALIDATOR)
            .dependsOn(DEPLOYMENT, DEPLOYMENT_BASE_URL)
            .build();

    public static final PropertyDescriptor COMPANY = new PropertyDescriptor.Builder()
            .name("Company")
            .description("The company's id (GUID) or its name as listed by GET .../companies; a name is resolved to the id on first use.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor AUTHENTICATION = new PropertyDescriptor.Builder()
            .name("Authentication")
            .description("How requests are authenticated.")
            .required(true)
            .allowableValues(AUTH_CLIENT_CREDENTIALS, AUTH_BASIC, AUTH_OAUTH2_PROVIDER)
            .defaultValue(AUTH_CLIENT_CREDENTIALS.getValue())
            .build();

    public static final PropertyDescriptor CLIENT_ID = new PropertyDescriptor.Builder()
            .name("Client ID")
            .description("Application (client) id of the Entra ID app registration granted access in Business Central.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION, AUTH_CLIENT_CREDENTIALS)
            .build();

    public static final PropertyDescriptor CLIENT_SECRET = new PropertyDescriptor.Builder()
            .name("Client Secret")
            .description("Client secret of the app registration.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION, AUTH_CLIENT_CREDENTIALS)
            .build();

    public static final PropertyDescriptor SCOPE = new PropertyDescriptor.Builder()
            .name("Scope")
            .description("OAuth2 scope requested with the client credentials.")
            .required(true)
            .defaultValue(ClientCredentialsToken.DEFAULT_SCOPE)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION, AUTH_CLIENT_CREDENTIALS)
            .build();

    public static final PropertyDescriptor LOGIN_URL_OVERRIDE = new PropertyDescriptor.Builder()
            .name("Login URL Override")
            .description("Replaces https://login.microsoftonline.com (the token URL is {login URL}/{tenant}/oauth2/v2.0/token), "
                    + "e.g. for the sandbox simulator or a national cloud. Leave empty in production.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(BlankOrUrlValidator.INSTANCE)
            .dependsOn(AUTHENTICATION, AUTH_CLIENT_CREDENTIALS)
            .build();

    public static final PropertyDescriptor USERNAME = new PropertyDescriptor.Builder()
            .name("Username")
            .description("User name for Basic authentication.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION, AUTH_BASIC)
            .build();

    public static final PropertyDescriptor PASSWORD = new PropertyDescriptor.Builder()
            .name("Password")
            .description("Web service access key or password for Basic authentication.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(AUTHENTICATION, AUTH_BASIC)
            .build();

    public static final PropertyDescriptor OAUTH2_ACCESS_TOKEN_PROVIDER = new PropertyDescriptor.Builder()
            .name("OAuth2 Access Token Provider")
            .description("Controller service supplying bearer tokens.")
            .required(true)
            .identifiesControllerService(OAuth2AccessTokenProvider.class)
            .dependsOn(AUTHENTICATION, AUTH_OAUTH2_PROVIDER)
            .build();

    public static final PropertyDescriptor MAX_CONCURRENT_REQUESTS = new PropertyDescriptor.Builder()
            .name("Max Concurrent Requests")
            .description("Requests in flight at once across all processors using this service and every other connection service of "
                    + "the same user on the same environment (the lowest value among them holds for all). Business Central online allows 5 per "
                    + "user or app and queues the rest. Set the whole user's limit: in a cluster each node takes its share.")
            .required(true)
            .defaultValue("5")
            .addValidator(StandardValidators.createLongValidator(1, 100, true))
            .build();

    public static final PropertyDescriptor REQUESTS_PER_WINDOW = new PropertyDescriptor.Builder()
            .name("Requests Per Window")
            .description("Request starts allowed in any sliding Rate Window across all processors using this service and every other "
                    + "connection service of the same user on the same environment (the lowest value among them holds for all) "
                    + "(Business Central online: 6000 per 5 minutes). Requests are paced locally before Business Central answers 429. "
                    + "Lower it when other integrations share the same app registration.")
            .required(true)
            .defaultValue("6000")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor RATE_WINDOW = new PropertyDescriptor.Builder()
            .name("Rate Window")
            .description("Length of the sliding window of Requests Per Window.")
            .required(true)
            .defaultValue("5 min")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor CONNECT_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Connect Timeout")
            .description("Maximum time to establish a connection.")
            .required(true)
            .defaultValue("10 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor REQUEST_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Request Timeout")
            .description("Maximum time to wait for a response. A $batch of 100 deep inserts can take minutes; Business Central itself "
                    + "gives up after 8 minutes (408).")
            .required(true)
            .defaultValue("3 min")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor MAX_ATTEMPTS = HttpClientProperties.MAX_ATTEMPTS;

    public static final PropertyDescriptor SSL_CONTEXT_SERVICE = HttpClientProperties.SSL_CONTEXT_SERVICE;

    public static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE = HttpClientProperties.PROXY_CONFIGURATION_SERVICE;

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            DEPLOYMENT, TENANT_ID, ENVIRONMENT, API_URL_OVERRIDE, BASE_URL, COMPANY, AUTHENTICATION, CLIENT_ID, CLIENT_SECRET, SCOPE,
            LOGIN_URL_OVERRIDE, USERNAME, PASSWORD, OAUTH2_ACCESS_TOKEN_PROVIDER, MAX_CONCURRENT_REQUESTS, REQUESTS_PER_WINDOW,
            RATE_WINDOW, CONNECT_TIMEOUT, REQUEST_TIMEOUT, MAX_ATTEMPTS, SSL_CONTEXT_SERVICE, PROXY_CONFIGURATION_SERVICE);

    private static final Pattern GUID = Pattern.compile("(?i)^\\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}?$");

    private volatile QuotaRegistry<RequestGovernors.Limits, RequestGovernor>.Lease governor;
    private volatile BusinessCentralClient client;
    private volatile String company;
    private volatile String companyId;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        HttpClientProperties.validate(context, results);
        final boolean online = DEPLOYMENT_ONLINE.getValue().equals(context.getProperty(DEPLOYMENT).getValue());
        final boolean clientCredentials = AUTH_CLIENT_CREDENTIALS.getValue().equals(context.getProperty(AUTHENTICATION).getValue());
        if ((online || clientCredentials) && !context.getProperty(TENANT_ID).isSet()) {
            results.add(new ValidationResult.Builder().subject(TENANT_ID.getName()).valid(false)
                    .explanation("required for the Online deployment and for Entra ID client credentials").build());
        }
        return results;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) {
        governor = leaseGovernor(context);
        client = createClient(context, Clock.systemUTC(), governor.quota());
        company = context.getProperty(COMPANY).evaluateAttributeExpressions().getValue().trim();
        companyId = GUID.matcher(company).matches() ? company.replace("{", "").replace("}", "") : null;
    }

    @OnDisabled
    public void onDisabled() {
        client = null;
        companyId = null;
        final QuotaRegistry<RequestGovernors.Limits, RequestGovernor>.Lease held = governor;
        governor = null;
        if (held != null) {
            held.close();
        }
    }

    @Override
    public BusinessCentralClient client() {
        final BusinessCentralClient current = client;
        if (current == null) {
            throw new IllegalStateException("The Business Central connection service is not enabled");
        }
        return current;
    }

    @Override
    public String companyId() {
        String id = companyId;
        if (id == null) {
            synchronized (this) {
                if (companyId == null) {
                    companyId = resolveCompany(client(), company);
                }
                id = companyId;
            }
        }
        return id;
    }

    static String resolveCompany(final BusinessCentralClient client, final String company) {
        final List<JsonNode> companies = client.companies();
        for (final JsonNode candidate : companies) {
            if (company.equalsIgnoreCase(candidate.path("id").asText()) || company.equalsIgnoreCase(candidate.path("name").asText())
                    || company.equalsIgnoreCase(candidate.path("displayName").asText())) {
                return candidate.path("id").asText();
            }
        }
        throw new ApiException(ErrorClass.PERMANENT, 404, "COMPANY_NOT_FOUND", "No company named '" + company + "' among the "
                + companies.size() + " companies these credentials can see");
    }

    /**
     * The governor of this service's user on its environment, which every connection service of the same user on this
     * node shares (BC's limits are the user's), with this node's cluster share.
     */
    private QuotaRegistry<RequestGovernors.Limits, RequestGovernor>.Lease leaseGovernor(final ConfigurationContext context) {
        final RequestGovernors.Limits limits = new RequestGovernors.Limits(context.getProperty(MAX_CONCURRENT_REQUESTS).asInteger(),
                context.getProperty(REQUESTS_PER_WINDOW).asInteger(),
                Duration.ofMillis(context.getProperty(RATE_WINDOW).asTimePeriod(TimeUnit.MILLISECONDS)));
        return RequestGovernors.lease(endpoint(context), user(context), limits, ClusterNodes.share(getNodeTypeProvider(), getLogger()));
    }

    private static BusinessCentralEndpoint endpoint(final ConfigurationContext context) {
        return DEPLOYMENT_ONLINE.getValue().equals(context.getProperty(DEPLOYMENT).getValue())
                ? BusinessCentralEndpoint.online(BlankOrUrlValidator.valueOrNull(context.getProperty(API_URL_OVERRIDE).evaluateAttributeExpressions().getValue()),
                        context.getProperty(TENANT_ID).evaluateAttributeExpressions().getValue(),
                        context.getProperty(ENVIRONMENT).evaluateAttributeExpressions().getValue())
                : new BusinessCentralEndpoint(context.getProperty(BASE_URL).evaluateAttributeExpressions().getValue(), null);
    }

    /** Who BC counts this service's requests against, whatever the company. */
    private static String user(final ConfigurationContext context) {
        return switch (context.getProperty(AUTHENTICATION).getValue()) {
            case "BASIC" -> RequestGovernors.basicUser(context.getProperty(USERNAME).evaluateAttributeExpressions().getValue());
            case "OAUTH2_PROVIDER" -> RequestGovernors.providedUser(context.getProperty(OAUTH2_ACCESS_TOKEN_PROVIDER).getValue());
            default -> RequestGovernors.clientUser(context.getProperty(TENANT_ID).evaluateAttributeExpressions().getValue(),
                    context.getProperty(CLIENT_ID).evaluateAttributeExpressions().getValue());
        };
    }

    BusinessCentralClient createClient(final ConfigurationContext context, final Clock clock, final RequestGovernor governor) {
        final Duration connectTimeout = Duration.ofMillis(context.getProperty(CONNECT_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS));
        final Duration requestTimeout = Duration.ofMillis(context.getProperty(REQUEST_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS));
        final RetryPolicy policy = new RetryPolicy(context.getProperty(MAX_ATTEMPTS).asInteger(), Duration.ofMillis(500), Duration.ofSeconds(60));
        final HttpTransport transport = new HttpTransport(HttpClientProperties.createClient(context, connectTimeout), policy);
        final String tenant = context.getProperty(TENANT_ID).evaluateAttributeExpressions().getValue();
        final BusinessCentralEndpoint endpoint = endpoint(context);
        final Credentials credentials = switch (context.getProperty(AUTHENTICATION).getValue()) {
            case "BASIC" -> new BasicCredentials(context.getProperty(USERNAME).evaluateAttributeExpressions().getValue(),
                    context.getProperty(PASSWORD).getValue());
            case "OAUTH2_PROVIDER" -> new ProvidedToken(context.getProperty(OAUTH2_ACCESS_TOKEN_PROVIDER).asControllerService(OAuth2AccessTokenProvider.class));
            default -> new ClientCredentialsToken(BlankOrUrlValidator.valueOrNull(context.getProperty(LOGIN_URL_OVERRIDE).evaluateAttributeExpressions().getValue()), tenant,
                    context.getProperty(CLIENT_ID).evaluateAttributeExpressions().getValue(), context.getProperty(CLIENT_SECRET).getValue(),
                    context.getProperty(SCOPE).getValue(), transport, requestTimeout, clock);
        };
        return new BusinessCentralClient(endpoint, credentials, governor, transport, requestTimeout);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> variables) {
        // the user's governor, as the service's requests would have: verifying a running service's settings stays within its limits
        try (QuotaRegistry<RequestGovernors.Limits, RequestGovernor>.Lease verifying = leaseGovernor(context)) {
            return verify(context, verifying.quota());
        } catch (final RuntimeException e) {
            return List.of(step("Obtain credentials", Outcome.FAILED, e.getMessage()), step("Access company", Outcome.SKIPPED, "No credentials"));
        }
    }

    private List<ConfigVerificationResult> verify(final ConfigurationContext context, final RequestGovernor governor) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final BusinessCentralClient candidate;
        try {
            candidate = createClient(context, Clock.systemUTC(), governor);
            candidate.credentials().authorization();
            results.add(step("Obtain credentials", Outcome.SUCCESSFUL, "Credentials accepted by " + describe(context)));
        } catch (final RuntimeException e) {
            results.add(step("Obtain credentials", Outcome.FAILED, e.getMessage()));
            results.add(step("Access company", Outcome.SKIPPED, "No credentials"));
            return results;
        }
        try {
            final String configured = context.getProperty(COMPANY).evaluateAttributeExpressions().getValue().trim();
            final String id = resolveCompany(candidate, configured);
            results.add(step("Access company", Outcome.SUCCESSFUL, "Company '" + configured + "' is visible, id " + id));
        } catch (final RuntimeException e) {
            results.add(step("Access company", Outcome.FAILED, e.getMessage()));
        }
        return results;
    }

    private static String describe(final ConfigurationContext context) {
        return context.getProperty(AUTHENTICATION).getValue().toLowerCase(Locale.ROOT).replace('_', ' ') + " authentication";
    }

    /** Bearer tokens from a NiFi OAuth2AccessTokenProvider, which caches and refreshes them itself. */
    private record ProvidedToken(OAuth2AccessTokenProvider provider) implements Credentials {
        @Override
        public String authorization() {
            final AccessToken token = provider.getAccessDetails();
            return "Bearer " + token.getAccessToken();
        }
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
