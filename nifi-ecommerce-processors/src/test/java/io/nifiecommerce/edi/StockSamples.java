package io.nifiecommerce.edi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The reference EDI samples (reference/edi-samples), and small interchanges written for the cases they do not cover. */
final class StockSamples {

    private StockSamples() {
    }

    static Path referenceDir() {
        final String configured = System.getProperty("nifiecommerce.reference.dir");
        return configured != null ? Path.of(configured) : Path.of("..", "reference");
    }

    static byte[] sample(String name) throws IOException {
        return Files.readAllBytes(referenceDir().resolve("edi-samples").resolve(name));
    }

    static String sampleText(String name) throws IOException {
        return new String(sample(name), StandardCharsets.UTF_8);
    }

    static List<StockRecord> read(byte[] bytes, StockReadOptions options) {
        final List<StockRecord> records = new ArrayList<>();
        EdiStockReader.read(new ByteArrayInputStream(bytes), options, records::add);
        return records;
    }

    static List<StockRecord> read(String text, StockReadOptions options) {
        return read(text.getBytes(StandardCharsets.UTF_8), options);
    }

    static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Wraps INVRPT body segments (between UNH and UNT, each ending with ') in a valid envelope. */
    static String invrpt(String... body) {
        final StringBuilder text = new StringBuilder("UNB+UNOC:3+ACME3PL:ZZZ+SHOPERP:ZZZ+260301:0600+77'");
        text.append("UNH+1+INVRPT:D:96A:UN'");
        for (String segment : body) {
            text.append(segment);
        }
        text.append("UNT+").append(body.length + 2).append("+1'");
        text.append("UNZ+1+77'");
        return text.toString();
    }

    /** Wraps 846 body segments (between ST and SE, each ending with ~) in a valid envelope. */
    static String x12Inventory(String... body) {
        final StringBuilder text = new StringBuilder(
                "ISA*00*          *00*          *ZZ*ACME3PL        *ZZ*SHOPERP        *260301*0600*U*00401*000000077*0*P*>~");
        text.append("GS*IB*ACME3PL*SHOPERP*20260301*0600*77*X*004010~");
        text.append("ST*846*0001~");
        for (String segment : body) {
            text.append(segment);
        }
        text.append("SE*").append(body.length + 2).append("*0001~");
        text.append("GE*1*77~IEA*1*000000077~");
        return text.toString();
    }
}
