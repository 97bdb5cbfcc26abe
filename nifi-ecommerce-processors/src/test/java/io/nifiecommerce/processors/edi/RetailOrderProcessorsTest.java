package io.nifiecommerce.processors.edi;

import io.nifiecommerce.edi.EdiInterchange;
import io.nifiecommerce.edi.EdiInterchangeReader;
import io.nifiecommerce.edi.EdiMessage;
import io.nifiecommerce.edi.EdiSegment;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetailOrderProcessorsTest {

    static final String GLN_TABLE = """
            gln,customerNumber,shipToCode,name,address1,address2,city,postalCode,countryCode
            5412345000176,C-SUPER,,Super Achats,Rue Haute 5,,Namur,5000,BE
            5412345000183,,DEP-NORD,Super Dépôt Nord,Zoning Nord 12,,Liège,4000,BE
            """;

    static final String ORDERS = """
            UNB+UNOC:3+5412345000176:14+5412345000013:14+261206:0800+ORD555++++1'
            UNH+1+ORDERS:D:96A:UN:EAN008'
            BGM+220+PO-555+9'
            DTM+137:20261206:102'
            NAD+BY+5412345000176::9'
            NAD+DP+5412345000183::9'
            LIN+1++5412345000020:EN'
            QTY+21:12'
            PRI+AAA:149.50'
            UNS+S'
            UNT+10+1'
            UNH+2+ORDERS:D:96A:UN:EAN008'
            BGM+220+PO-556+9'
            DTM+137:20261206:102'
            NAD+BY+5499999999999::9'
            LIN+1++5412345000020:EN'
            QTY+21:1'
            PRI+AAA:149.50'
            UNS+S'
            UNT+9+2'
            UNZ+2+ORD555'
            """;

    private TestRunner reader;

    @BeforeEach
    void setUp() throws Exception {
        final ReadRetailOrderEdi processor = new ReadRetailOrderEdi();
        processor.setClock(Clock.fixed(Instant.parse("2026-12-06T08:05:00Z"), ZoneOffset.UTC));
        reader = TestRunners.newTestRunner(processor);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        reader.addControllerService("writer", writer);
        reader.enableControllerService(writer);
        reader.setProperty(ReadRetailOrderEdi.RECORD_WRITER, "writer");
        reader.setProperty(ReadRetailOrderEdi.GLN_TABLE, GLN_TABLE);
    }

    @Test
    void ordersBecomeCanonicalRecordsOnceAndUnknownBuyersGoToReview() throws Exception {
        reader.enqueue(ORDERS);
        reader.run();
        reader.assertTransferCount(ReadRetailOrderEdi.REL_SUCCESS, 1);
        reader.assertTransferCount(ReadRetailOrderEdi.REL_REVIEW, 1);
        reader.assertTransferCount(ReadRetailOrderEdi.REL_ACKNOWLEDGMENT, 1);
        reader.assertTransferCount(ReadRetailOrderEdi.REL_ORIGINAL, 1);
        final MockFlowFile order = reader.getFlowFilesForRelationship(ReadRetailOrderEdi.REL_SUCCESS).get(0);
        order.assertAttributeEquals("ecommerce.order.segment", "B2B");
        order.assertAttributeEquals("eancom.order.number", "PO-555");
        order.assertAttributeEquals("eancom.delivery.gln", "5412345000183");
        final String json = order.getContent();
        assertTrue(json.contains("\"externalId\":\"C-SUPER\""), json);
        assertTrue(json.contains("\"gtin\":\"5412345000020\""), json);
        final MockFlowFile review = reader.getFlowFilesForRelationship(ReadRetailOrderEdi.REL_REVIEW).get(0);
        review.assertAttributeEquals("error.code", "UNKNOWN_BUYER");
        review.assertAttributeEquals("eancom.order.number", "PO-556");

        // the buyer sends the same file again: PO-555 is refused as a duplicate
        reader.clearTransferState();
        reader.enqueue(ORDERS);
        reader.run();
        reader.assertTransferCount(ReadRetailOrderEdi.REL_SUCCESS, 0);
        reader.assertTransferCount(ReadRetailOrderEdi.REL_DUPLICATE, 1);
        reader.getFlowFilesForRelationship(ReadRetailOrderEdi.REL_DUPLICATE).get(0).assertAttributeEquals("eancom.order.number", "PO-555");

        // the canonical order is answered with an ORDRSP to the buyer
        final TestRunner responder = TestRunners.newTestRunner(WriteOrderResponseEdi.class);
        final JsonTreeReader json2 = new JsonTreeReader();
        responder.addControllerService("reader", json2);
        responder.enableControllerService(json2);
        responder.setProperty(WriteOrderResponseEdi.RECORD_READER, "reader");
        responder.setProperty(WriteOrderResponseEdi.SENDER_GLN, "5412345000013");
        responder.setProperty(WriteOrderResponseEdi.RESPONSE, "${bc.failed:isEmpty():ifElse('ACCEPTED','REFUSED')}");
        responder.enqueue(order.toByteArray());
        responder.enqueue(order.toByteArray(), Map.of("bc.failed", "yes"));
        responder.run(2);
        responder.assertTransferCount(WriteOrderResponseEdi.REL_SUCCESS, 2);
        final MockFlowFile accepted = responder.getFlowFilesForRelationship(WriteOrderResponseEdi.REL_SUCCESS).get(0);
        accepted.assertAttributeEquals("eancom.response", "29");
        final EdiInterchange ordrsp = EdiInterchangeReader.read(new ByteArrayInputStream(accepted.toByteArray())).get(0);
        assertEquals("5412345000176", ordrsp.receiverId());
        assertTrue(accepted.getContent().contains("LIN+1+5+5412345000020:EN'"), accepted.getContent());
        responder.getFlowFilesForRelationship(WriteOrderResponseEdi.REL_SUCCESS).get(1).assertAttributeEquals("eancom.response", "27");
    }

    /** PER_LINE: each line as its confirmed quantity says, accepted, changed or refused, and a misfit refused with the reason. */
    @Test
    void perLineAnswersAcceptChangeAndRefuseLines() throws Exception {
        final String order = """
                [{"source":"eancom","sourceId":"5412345000176:PO-557","name":"PO-557","segment":"B2B","currency":"EUR",
                  "company":{"id":"5412345000176","externalId":"C-SUPER","locationId":"5412345000183"},
                  "lines":[{"lineId":"1","gtin":"5412345000020","quantity":12,"unitPrice":"149.50"},
                           {"lineId":"2","gtin":"5412345000037","quantity":48,"unitPrice":"55","confirmedQuantity":40},
                           {"lineId":"3","gtin":"5412345000044","quantity":6,"unitPrice":"9","confirmedQuantity":0}]}]""";
        final TestRunner responder = TestRunners.newTestRunner(WriteOrderResponseEdi.class);
        final JsonTreeReader json = new JsonTreeReader();
        responder.addControllerService("reader", json);
        responder.enableControllerService(json);
        responder.setProperty(WriteOrderResponseEdi.RECORD_READER, "reader");
        responder.setProperty(WriteOrderResponseEdi.SENDER_GLN, "5412345000013");
        responder.setProperty(WriteOrderResponseEdi.RESPONSE, "PER_LINE");
        responder.enqueue(order);
        responder.enqueue(order.replace("\"confirmedQuantity\":0", "\"confirmedQuantity\":-1"));
        responder.run(2);
        final MockFlowFile answer = responder.getFlowFilesForRelationship(WriteOrderResponseEdi.REL_SUCCESS).get(0);
        answer.assertAttributeEquals("eancom.response", "4");
        final EdiMessage ordrsp = EdiInterchangeReader.read(new ByteArrayInputStream(answer.toByteArray())).get(0).messages().get(0);
        final List<String> lines = new ArrayList<>();
        String current = null;
        for (final EdiSegment segment : ordrsp.segments()) {
            if (segment.tag().equals("LIN")) {
                current = segment.element(1) + ":" + segment.element(2);
                lines.add(current);
            } else if (segment.tag().equals("QTY") && current != null) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + segment.component(1, 1) + "=" + segment.component(1, 2));
            }
        }
        assertEquals(List.of("1:5 21=12", "2:3 21=48 113=40", "3:7 21=6 113=0"), lines);
        final MockFlowFile refused = responder.getFlowFilesForRelationship(WriteOrderResponseEdi.REL_FAILURE).get(0);
        refused.assertAttributeEquals("error.code", "INVALID_CONFIRMATION");
    }

    @Test
    void aMalformedFileGoesToReviewWithTheSegment() {
        reader.enqueue(ORDERS.replace("UNZ+2+ORD555", "UNZ+3+ORD555"));
        reader.run();
        reader.assertAllFlowFilesTransferred(ReadRetailOrderEdi.REL_REVIEW, 1);
        final MockFlowFile review = reader.getFlowFilesForRelationship(ReadRetailOrderEdi.REL_REVIEW).get(0);
        review.assertAttributeEquals("error.code", "EDI_SYNTAX");
        review.assertAttributeEquals("error.segment", "UNZ");
        review.assertAttributeEquals("error.position", "21");
    }

    @Test
    void anInvalidGlnTableIsAConfigurationError() {
        reader.setProperty(ReadRetailOrderEdi.GLN_TABLE, "gln,name\n1,x\n");
        reader.assertNotValid();
    }
}
