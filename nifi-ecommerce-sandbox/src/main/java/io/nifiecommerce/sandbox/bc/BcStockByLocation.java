package io.nifiecommerce.sandbox.bc;

import java.util.List;

/**
 * The bundle's own BC extension ({@code bc-extension/}): the API query {@code NEC Item Stock By Location},
 * the item ledger summed per item, variant and location, at
 * {@code api/nifiecommerce/stock/v1.0/companies(<id>)/itemStockByLocations}. The simulator serves it as if the
 * extension were installed: its route and columns come from the AL source shipped with the sandbox (a test
 * keeps it identical to {@code bc-extension/src}), its rows from the company's {@link ItemLedger}.
 */
public final class BcStockByLocation {

    public static final String SOURCE_FILE = "NECItemStockByLocation.Query.al";
    public static final AlPage QUERY = AlPageParser.parse(source());
    public static final BcCustomPage PAGE = new BcCustomPage(QUERY.apiPublisher(), QUERY.apiGroup(), QUERY.apiVersion(), QUERY.entitySetName(),
            BcEntityType.fromPage(QUERY, "Item Ledger Entry", List.of(BcField.code("itemNumber", 20), BcField.code("variantCode", 10),
                    BcField.code("locationCode", 10), BcField.of("inventory", BcFieldType.DECIMAL))));

    private BcStockByLocation() {
    }

    /** The AL source as shipped in the sandbox's resources. */
    public static String source() {
        return BcPages.resource("custom/" + SOURCE_FILE);
    }
}
