package io.nifiecommerce.shopify.draft;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.businesscentral.MappingOptions;
import io.nifiecommerce.businesscentral.PriceBasis;
import io.nifiecommerce.businesscentral.SalesOrderDraft;
import io.nifiecommerce.businesscentral.SalesOrderMapper;
import io.nifiecommerce.businesscentral.TestOrders;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.Segment;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A draft sent to the ERP without the buyer's shipping line: its totals lose exactly that line, so BC's document still reconciles. */
class ShopifyDraftOrderMapperTest {

    @Test
    void theBuyersShippingLineLeavesWithItsAmountsOnEitherTaxBasis() {
        for (final boolean taxesIncluded : List.of(true, false)) {
            final Order draft = TestOrders.order("#D7", Segment.B2B, TestOrders.company("C0042", "FR12345678901"), taxesIncluded,
                    List.of(TestOrders.line("A", 3, "19.99", "6.00", "0.20"), TestOrders.line("B", 2, "7.33", "0.00", "0.055")),
                    List.of(TestOrders.shipping("14.90", "2.00", "0.20")), BigDecimal.ZERO);
            final Order sent = ShopifyDraftOrderMapper.withoutShipping(draft);
            final Order never = TestOrders.order("#D7", Segment.B2B, TestOrders.company("C0042", "FR12345678901"), taxesIncluded,
                    draft.lines(), List.of(), BigDecimal.ZERO);

            assertEquals(List.of(), sent.shippingLines());
            assertEquals(never.totalPrice(), sent.totalPrice(), "as if the buyer had chosen no rate (taxes included: " + taxesIncluded + ")");
            assertEquals(never.totalTax(), sent.totalTax());
            assertEquals(never.totalDiscounts(), sent.totalDiscounts());
            assertEquals(0, sent.totalShipping().signum());
            for (final PriceBasis basis : List.of(PriceBasis.AS_GIVEN, PriceBasis.EXCLUDING_TAX)) {
                final SalesOrderDraft document = new SalesOrderMapper(new MappingOptions("Account", "7010", basis, "EUR", "${name}"))
                        .map(sent, "C0042", List.of("1000", "1001"));
                assertTrue(document.reconciles(), basis + ", taxes included " + taxesIncluded + ": " + document.reconciliationDifference());
                for (final JsonNode line : document.body().path("salesOrderLines")) {
                    assertEquals("Item", line.path("lineType").asText(), "no shipping line for BC to charge next to its freight");
                }
            }
        }
    }

    @Test
    void aDraftWithoutShippingLineIsLeftAsItIs() {
        final Order draft = TestOrders.order("#D8", Segment.B2B, null, false, List.of(TestOrders.line("A", 1, "10.00", "0.00", "0.20")),
                List.of(), BigDecimal.ZERO);
        assertSame(draft, ShopifyDraftOrderMapper.withoutShipping(draft));
    }
}
