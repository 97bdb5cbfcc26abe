package io.nifiecommerce.it.flows;

/**
 * A NAR's coordinates as a flow definition names them. NiFi picks the installed version of the same
 * group and artifact when the exact version is absent, so definitions survive upgrades.
 */
public record Bundle(String group, String artifact, String version) {

    public static final String NIFI_VERSION = "2.3.0";

    public static final Bundle STANDARD = new Bundle("org.apache.nifi", "nifi-standard-nar", NIFI_VERSION);
    public static final Bundle RECORD_SERVICES = new Bundle("org.apache.nifi", "nifi-record-serialization-services-nar", NIFI_VERSION);
    public static final Bundle SSL_CONTEXT = new Bundle("org.apache.nifi", "nifi-ssl-context-service-nar", NIFI_VERSION);
    public static final Bundle HTTP_CONTEXT_MAP = new Bundle("org.apache.nifi", "nifi-http-context-map-nar", NIFI_VERSION);
    public static final Bundle SERVICES_API = new Bundle("org.apache.nifi", "nifi-standard-services-api-nar", NIFI_VERSION);

    public static Bundle ecommerce(final String version) {
        return new Bundle("io.nifiecommerce", "nifi-ecommerce-nar", version);
    }
}
