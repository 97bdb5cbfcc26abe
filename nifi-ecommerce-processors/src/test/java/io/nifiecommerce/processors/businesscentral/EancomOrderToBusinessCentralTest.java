package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.ItemReference;
import io.nifiecommerce.businesscentral.StubBusinessCentral;
import io.nifiecommerce.processors.edi.RetailOrderFlow;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An EANCOM ORDERS file, read by ReadRetailOrderEdi, becomes one BC sales order through PutBusinessCentralOrder, once. */
class EancomOrderToBusinessCentralTest {

    private StubBusinessCentral bc;

    @BeforeEach
    void start() throws Exception {
        bc = new StubBusinessCentral();
    }

    @AfterEach
    void stop() {
        bc.close();
    }

    @Test
    void theBuyersOrderIsCreatedOnceForItsCustomerWithItsGtins() throws Exception {
        final byte[] canonical = RetailOrderFlow.readOneOrder();
        final TestRunner put = BusinessCentralTestSupport.putOrderRunner(bc);
        bc.customer("C-SUPER", "achats@super.example", null);
        bc.item("1896-S", "5412345000020");
        put.setProperty(SalesOrderProperties.ITEM_REFERENCE, ItemReference.GTIN.name());
        put.enqueue(canonical, java.util.Map.of("ecommerce.order.segment", "B2B"));
        put.run();
        put.assertAllFlowFilesTransferred(PutBusinessCentralOrder.REL_SUCCESS, 1);
        final MockFlowFile created = put.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS).get(0);
        assertTrue(created.getContent().contains("CREATED"), created.getContent());
        assertEquals(1, bc.count("salesOrders", o -> "PO-555".equals(o.path("externalDocumentNumber").asText())
                && "C-SUPER".equals(o.path("customerNumber").asText())));

        // the same order again (the buyer resent it and the EDI memory was lost): BC already has it, nothing is created
        put.clearTransferState();
        put.enqueue(canonical, java.util.Map.of("ecommerce.order.segment", "B2B"));
        put.run();
        put.assertAllFlowFilesTransferred(PutBusinessCentralOrder.REL_SUCCESS, 1);
        assertTrue(put.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS).get(0).getContent().contains("ALREADY_PRESENT"));
        assertEquals(1, bc.count("salesOrders", o -> "PO-555".equals(o.path("externalDocumentNumber").asText())));
    }
}
