package io.nifiecommerce.businesscentral;

import java.net.URI;
import java.util.Objects;

/**
 * Where one Business Central environment answers: its service root (online:
 * {@code https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}}, on-premises: the
 * server instance URL) and the API route under it ({@code api/v2.0}, or a custom API page route
 * {@code api/{publisher}/{group}/{version}}).
 */
public record BusinessCentralEndpoint(String serviceRoot, String apiRoute) {

    public static final String ONLINE_API_URL = "https://api.businesscentral.dynamics.com";
    public static final String STANDARD_ROUTE = "api/v2.0";

    public BusinessCentralEndpoint {
        Objects.requireNonNull(serviceRoot, "serviceRoot");
        serviceRoot = trimSlashes(serviceRoot);
        apiRoute = apiRoute == null || apiRoute.isBlank() ? STANDARD_ROUTE : trimSlashes(apiRoute);
    }

    /** An online environment; {@code apiUrl} null for Microsoft's (a sandbox or proxy may override it). */
    public static BusinessCentralEndpoint online(final String apiUrl, final String tenantId, final String environment) {
        final String root = apiUrl == null || apiUrl.isBlank() ? ONLINE_API_URL : apiUrl;
        return new BusinessCentralEndpoint(trimSlashes(root) + "/v2.0/" + tenantId.trim() + "/" + environment.trim(), STANDARD_ROUTE);
    }

    /** The same environment with another API route, for custom API pages. */
    public BusinessCentralEndpoint withRoute(final String route) {
        return new BusinessCentralEndpoint(serviceRoot, route);
    }

    /** e.g. {@code https://.../api/v2.0} */
    public String apiRoot() {
        return serviceRoot + "/" + apiRoute;
    }

    public URI companies() {
        return URI.create(apiRoot() + "/companies");
    }

    /** The path of a company's entity set relative to the API root, as {@code $batch} operations want it. */
    public static String companyPath(final String companyId, final String entitySet) {
        return "companies(" + companyId + ")/" + entitySet;
    }

    public URI resolve(final String relativePath) {
        return URI.create(apiRoot() + "/" + relativePath);
    }

    public URI batch() {
        return URI.create(apiRoot() + "/$batch");
    }

    private static String trimSlashes(final String value) {
        String v = value.trim();
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        while (v.startsWith("/")) {
            v = v.substring(1);
        }
        return v;
    }
}
