package io.nifiecommerce.sandbox.bc;

import java.util.List;

/**
 * The bundle's BC extension page {@code NEC Sales Price Lines}: active sales prices of items per customer price group
 * or customer, at {@code api/nifiEcommerce/catalog/v1.0/companies(<id>)/salesPriceLines}. Served read-only as if the
 * extension were installed; its route and fields come from the AL source shipped with the sandbox (a test keeps it
 * identical to {@code bc-extension/src}); its rows are added with {@link BcCompany#addCustomRow}.
 */
public final class BcSalesPriceLines {

    public static final String SOURCE_FILE = "SalesPriceLines.Page.al";
    public static final AlPage SOURCE = AlPageParser.parse(BcPages.resource("custom/" + SOURCE_FILE));
    public static final BcCustomPage PAGE = new BcCustomPage(SOURCE.apiPublisher(), SOURCE.apiGroup(), SOURCE.apiVersion(), SOURCE.entitySetName(),
            BcEntityType.fromPage(SOURCE, "Price List Line", List.of(BcField.readOnly("id", BcFieldType.GUID), BcField.code("priceListCode", 20),
                    BcField.of("lineNumber", BcFieldType.INTEGER), BcField.of("sourceType", BcFieldType.ENUM), BcField.code("sourceNo", 20),
                    BcField.code("assetNo", 20), BcField.code("variantCode", 10), BcField.code("unitOfMeasureCode", 10),
                    BcField.of("minimumQuantity", BcFieldType.DECIMAL), BcField.of("unitPrice", BcFieldType.DECIMAL),
                    BcField.code("currencyCode", 10), BcField.of("startingDate", BcFieldType.DATE), BcField.of("endingDate", BcFieldType.DATE),
                    BcField.readOnly("lastModifiedDateTime", BcFieldType.DATETIME))));

    private BcSalesPriceLines() {
    }
}
