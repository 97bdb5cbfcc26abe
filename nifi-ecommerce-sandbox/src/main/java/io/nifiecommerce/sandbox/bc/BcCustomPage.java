package io.nifiecommerce.sandbox.bc;

/**
 * A custom API page, reachable at {@code /api/{publisher}/{group}/{version}/companies({id})/{entitySet}}.
 * Its rows are added per company with {@link BcCompany#addCustomRow}; the API serves them read-only
 * with the same OData query options as the standard pages.
 */
public record BcCustomPage(String publisher, String group, String version, String entitySet, BcEntityType type) {

    String route() {
        return publisher + "/" + group + "/" + version;
    }
}
