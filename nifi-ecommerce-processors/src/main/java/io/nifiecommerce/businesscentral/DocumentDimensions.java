package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;

import java.util.List;
import java.util.Locale;

/**
 * Sets a dimension on an open document (a sales order, a purchase invoice) through its {@code dimensionSetLines}
 * navigation (APIV2 - Dimension Set Lines: {@code code} and {@code valueCode}, the parent given by the URL), once: the
 * document's lines are read first, a line of the dimension with the same value is left alone, one with another value
 * is refused rather than overwritten. BC's dimension and value codes are upper case (Code[20]).
 */
public final class DocumentDimensions {

    /** What happened to one document. */
    public enum Result { SET, ALREADY_SET, CONFLICT }

    /** Reads and POSTs for one document before a transient failure is handed to the caller. */
    static final int TRIES = 3;

    private final BusinessCentralClient client;
    private final String companyId;

    public DocumentDimensions(final BusinessCentralClient client, final String companyId) {
        this.client = client;
        this.companyId = companyId;
    }

    /** The body of the dimension set line. */
    public static ObjectNode body(final String dimensionCode, final String valueCode) {
        return BusinessCentralClient.MAPPER.createObjectNode().put("code", code(dimensionCode)).put("valueCode", code(valueCode));
    }

    /**
     * Sets the dimension unless the document has it. A POST that fails transiently may have been applied, so it is
     * settled here by reading the lines again (up to {@link #TRIES} times) rather than handed back: the caller would
     * otherwise replay its whole batch, and a batch of 150 documents at a 10 % fault rate rarely got through at once.
     */
    public Result ensure(final String entitySet, final String documentId, final String dimensionCode, final String valueCode) {
        final String path = BusinessCentralEndpoint.companyPath(companyId, entitySet + "(" + documentId + ")/dimensionSetLines");
        for (int attempt = 1; ; attempt++) {
            final List<JsonNode> lines = client.getAll(client.endpoint().resolve(path), 100);
            for (final JsonNode line : lines) {
                if (line.path("code").asText().equals(code(dimensionCode))) {
                    return line.path("valueCode").asText().equals(code(valueCode)) ? Result.ALREADY_SET : Result.CONFLICT;
                }
            }
            try {
                client.post(client.endpoint().resolve(path), body(dimensionCode, valueCode));
                return Result.SET;
            } catch (final ApiException e) {
                // a POST whose answer was lost, sent again by a retry: the line is there
                if (e.errorClass() == ErrorClass.PERMANENT && String.valueOf(e.getMessage()).contains("already exists")) {
                    return Result.ALREADY_SET;
                }
                if (!e.isTransient() || attempt >= TRIES) {
                    throw e;
                }
            }
        }
    }

    private static String code(final String value) {
        final String upper = value.trim().toUpperCase(Locale.ROOT);
        return upper.length() <= 20 ? upper : upper.substring(0, 20);
    }
}
