package io.nifiecommerce.processors.stock;

import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdiStockRecordReaderTest {

    private TestRunner runner;
    private EdiStockRecordReader service;

    @BeforeEach
    void setUp() throws InitializationException {
        runner = TestRunners.newTestRunner(NoOpProcessor.class);
        service = new EdiStockRecordReader();
        runner.addControllerService("edi-stock", service);
    }

    private static byte[] sample(String name) throws IOException {
        final String configured = System.getProperty("nifiecommerce.reference.dir");
        final Path dir = configured != null ? Path.of(configured) : Path.of("..", "reference");
        return Files.readAllBytes(dir.resolve("edi-samples").resolve(name));
    }

    private List<Record> readAll(byte[] input, Map<String, String> attributes) throws Exception {
        final List<Record> records = new ArrayList<>();
        try (RecordReader reader = service.createRecordReader(attributes, new ByteArrayInputStream(input), input.length, runner.getLogger())) {
            assertEquals(EdiStockRecordSet.SCHEMA, reader.getSchema());
            Record record;
            while ((record = reader.nextRecord()) != null) {
                records.add(record);
            }
        }
        return records;
    }

    @Test
    void readsInvrptWithDefaults() throws Exception {
        runner.enableControllerService(service);

        final List<Record> records = readAll(sample("INVRPT-3pl-D96A.edi"), Map.of());

        assertEquals(2, records.size());
        final Record first = records.getFirst();
        assertEquals("TSHIRT-BLU-M", first.getAsString("sku"));
        assertEquals("3760123450001", first.getAsString("gtin"));
        assertEquals("WH01", first.getAsString("warehouse"));
        assertEquals(120L, first.getAsLong("quantity"));
        assertEquals("145", first.getAsString("qualifier"));
        assertEquals(Date.valueOf("2026-03-01"), first.getValue("date"));
        assertEquals(0L, records.get(1).getAsLong("quantity"));
    }

    @Test
    void readsX12PerLocation() throws Exception {
        runner.enableControllerService(service);

        final List<Record> records = readAll(sample("X12-846-3pl-4010.edi"), Map.of());

        assertEquals(List.of("WH01:80", "WH02:40", "WH01:0"),
                records.stream().map(r -> r.getAsString("warehouse") + ":" + r.getAsLong("quantity")).toList());
    }

    @Test
    void configuredQualifiersAndWarehouseFromAttribute() throws Exception {
        runner.setProperty(service, EdiStockRecordReader.QUANTITY_QUALIFIERS, "145, 198");
        runner.setProperty(service, EdiStockRecordReader.DEFAULT_WAREHOUSE, "${tpl.site}");
        runner.enableControllerService(service);
        final String noLocation = new String(sample("INVRPT-3pl-D96A.edi"), StandardCharsets.UTF_8)
                .replace("LOC+18+WH01::92'", "FTX+AAI+++no location'");

        final List<Record> records = readAll(noLocation.getBytes(StandardCharsets.UTF_8), Map.of("tpl.site", "LYON"));

        assertEquals(List.of("145:120:LYON", "198:40:LYON", "145:0:LYON"),
                records.stream().map(r -> r.getAsString("qualifier") + ":" + r.getAsLong("quantity") + ":" + r.getAsString("warehouse")).toList());
    }

    @Test
    void forcedStandardRejectsTheOther() throws Exception {
        runner.setProperty(service, EdiStockRecordReader.EDI_STANDARD, "X12");
        runner.enableControllerService(service);

        final MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> readAll(sample("INVRPT-3pl-D96A.edi"), Map.of()));

        assertTrue(e.getMessage().contains("X12"), e.getMessage());
    }

    @Test
    void malformedInterchangeIsMalformedRecordWithSegmentAndPosition() throws Exception {
        runner.enableControllerService(service);
        final byte[] bad = new String(sample("X12-846-3pl-4010.edi"), StandardCharsets.UTF_8)
                .replace("SE*11*0001", "SE*10*0001").getBytes(StandardCharsets.UTF_8);

        final MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> readAll(bad, Map.of()));

        assertTrue(e.getMessage().contains("SE segment at position 13"), e.getMessage());
    }

    @Test
    void invalidQualifierListIsInvalid() {
        runner.setProperty(service, EdiStockRecordReader.QUANTITY_QUALIFIERS, "145;198");
        runner.assertNotValid(service);
        runner.setProperty(service, EdiStockRecordReader.QUANTITY_QUALIFIERS, "145,198");
        runner.assertValid(service);
    }

    @Test
    void emptyFlowFileHasNoRecords() throws Exception {
        runner.enableControllerService(service);
        try (RecordReader reader = service.createRecordReader(Map.of(), new ByteArrayInputStream(new byte[0]), 0, runner.getLogger())) {
            assertNull(reader.nextRecord());
        }
    }
}
