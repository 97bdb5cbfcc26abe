package io.nifiecommerce.processors.edi;

import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

/** Test support for other packages: the canonical order ReadRetailOrderEdi makes of RetailOrderProcessorsTest.ORDERS. */
public final class RetailOrderFlow {

    private RetailOrderFlow() {
    }

    /** The canonical order record (JSON) of buyer order PO-555. */
    public static byte[] readOneOrder() throws Exception {
        final TestRunner reader = TestRunners.newTestRunner(ReadRetailOrderEdi.class);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        reader.addControllerService("writer", writer);
        reader.enableControllerService(writer);
        reader.setProperty(ReadRetailOrderEdi.RECORD_WRITER, "writer");
        reader.setProperty(ReadRetailOrderEdi.GLN_TABLE, RetailOrderProcessorsTest.GLN_TABLE);
        reader.enqueue(RetailOrderProcessorsTest.ORDERS);
        reader.run();
        return reader.getFlowFilesForRelationship(ReadRetailOrderEdi.REL_SUCCESS).get(0).toByteArray();
    }
}
