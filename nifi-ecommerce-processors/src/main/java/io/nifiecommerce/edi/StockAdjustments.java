package io.nifiecommerce.edi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Posts the differences of a {@link StockReconciliation} into Business Central as item journal adjustments, through
 * bc-extension's {@code itemJournalAdjustments} page (API v2.0 has no item journal): one POST per item, the signed
 * difference as quantity, the report's reference as document number. BC posts an item's adjustment once per document
 * number, so a redelivered report, or a retry after a part of the items was posted, moves no inventory twice.
 */
public final class StockAdjustments {

    public static final String ENTITY_SET = "itemJournalAdjustments";

    /** Item Journal Line's Document No. is a Code[20]. */
    static final int DOCUMENT_NUMBER_LENGTH = 20;

    private StockAdjustments() {
    }

    /**
     * The document number that keys a report's adjustments: its own number (BGM 1004, BIA03) when BC can hold it,
     * else a digest of that number or of the report's content, the same for every delivery of the same report.
     */
    public static String documentNumber(final String reportNumber, final byte[] contentDigest) {
        if (reportNumber != null && !reportNumber.isBlank() && reportNumber.trim().length() <= DOCUMENT_NUMBER_LENGTH) {
            return reportNumber.trim().toUpperCase(Locale.ROOT);
        }
        final byte[] basis = reportNumber == null || reportNumber.isBlank() ? contentDigest : sha256(reportNumber.trim());
        return ("INV" + HexFormat.of().formatHex(basis)).substring(0, DOCUMENT_NUMBER_LENGTH).toUpperCase(Locale.ROOT);
    }

    /** The body of one adjustment: what bc-extension's page lets a client write. */
    public static ObjectNode body(final StockReconciliation.Difference difference, final String documentNumber) {
        return BusinessCentralClient.MAPPER.createObjectNode()
                .put("itemNumber", difference.itemNumber())
                .put("quantity", difference.difference())
                .put("documentNumber", documentNumber);
    }

    /** Posts every difference; returns how many moved BC's inventory (the others were posted by an earlier delivery). */
    public static int post(final BusinessCentralClient client, final String companyId, final List<StockReconciliation.Difference> differences,
                           final String documentNumber) {
        final BusinessCentralEndpoint extension = client.endpoint().withRoute(ThreePlPosting.EXTENSION_ROUTE);
        int posted = 0;
        for (final StockReconciliation.Difference difference : differences) {
            final JsonNode answer = client.post(extension.resolve(BusinessCentralEndpoint.companyPath(companyId, ENTITY_SET)),
                    body(difference, documentNumber));
            if (answer == null || answer.path("posted").asBoolean(true)) {
                posted++;
            }
        }
        return posted;
    }

    private static byte[] sha256(final String text) {
        return contentDigest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of a report's content that {@link #documentNumber} falls back on (SHA-256). */
    public static MessageDigest contentDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
