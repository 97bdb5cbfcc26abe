package io.nifiecommerce.it.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Drops files where the flows' ListFile processors look, the way a partner's transfer would: written
 * under a dot-name first, then renamed, so a listing never sees half a file.
 */
final class FeedFiles {

    private final Path directory;

    FeedFiles(final Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    Path directory() {
        return directory;
    }

    void drop(final String fileName, final String content) throws IOException {
        final Path partial = directory.resolve("." + fileName + ".part");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, directory.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
    }

    /** A 3PL inventory report (EDIFACT INVRPT D.96A) with the actual stock (QTY+145) of each SKU. */
    static String invrpt(final String reference, final String warehouse, final List<StockLine> lines) {
        final StringBuilder edi = new StringBuilder();
        edi.append("UNB+UNOC:3+ACME3PL:ZZZ+SHOPERP:ZZZ+261127:0600+").append(reference).append("'\n");
        int segments = 0;
        edi.append("UNH+1+INVRPT:D:96A:UN'\n");
        segments++;
        edi.append("BGM+35+INVR-").append(reference).append("+9'\n");
        segments++;
        edi.append("DTM+137:20261127:102'\n");
        segments++;
        edi.append("NAD+GY+ACME3PL::92'\n");
        segments++;
        edi.append("LOC+18+").append(warehouse).append("::92'\n");
        segments++;
        int index = 1;
        for (final StockLine line : lines) {
            edi.append("LIN+").append(index++).append("++").append(line.gtin()).append(":EN'\n");
            edi.append("PIA+1+").append(line.sku()).append(":SA'\n");
            edi.append("QTY+145:").append(line.quantity()).append("'\n");
            segments += 3;
        }
        segments++;
        edi.append("UNT+").append(segments).append("+1'\n");
        edi.append("UNZ+1+").append(reference).append("'\n");
        return edi.toString();
    }

    /** One SKU's stock in an inventory report. */
    record StockLine(String sku, String gtin, int quantity) {
    }
}
