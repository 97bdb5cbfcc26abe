package io.nifiecommerce.businesscentral;

/**
 * How canonical orders become BC sales orders.
 *
 * @param shippingLineType BC line type of shipping charges: {@code Account} (a G/L account) or {@code Charge} (an item charge)
 * @param shippingLineNumber the G/L account or item charge number; blank to leave shipping out
 * @param priceBasis see {@link PriceBasis}
 * @param localCurrency the company's local currency code (sent as blank, as BC wants)
 * @param externalDocumentTemplate e.g. {@code ${name}} or {@code ${source}-${name}}
 */
public record MappingOptions(String shippingLineType, String shippingLineNumber, PriceBasis priceBasis, String localCurrency,
                             String externalDocumentTemplate) {

    public static final String DEFAULT_TEMPLATE = "${name}";

    public MappingOptions {
        shippingLineType = shippingLineType == null || shippingLineType.isBlank() ? "Account" : shippingLineType;
        priceBasis = priceBasis == null ? PriceBasis.AS_GIVEN : priceBasis;
        localCurrency = localCurrency == null ? "" : localCurrency.trim();
        externalDocumentTemplate = externalDocumentTemplate == null || externalDocumentTemplate.isBlank()
                ? DEFAULT_TEMPLATE : externalDocumentTemplate;
    }

    public static MappingOptions defaults() {
        return new MappingOptions("Account", "", PriceBasis.AS_GIVEN, "EUR", DEFAULT_TEMPLATE);
    }
}
