package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ODataFilterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void singleQuotesAreDoubled() {
        assertEquals("'O''Brien'", ODataFilter.literal("O'Brien"));
        assertEquals("email eq 'o''brien@example.com'", ODataFilter.eq("email", "o'brien@example.com"));
        assertEquals("''''", ODataFilter.literal("'"));
    }

    @Test
    void inAndOrChainsSelectTheSameRecords() throws Exception {
        final List<String> keys = List.of("#1001", "O'Brien's #2", "a,b", "x) or (1 eq 1");
        final String in = ODataFilter.in("externalDocumentNumber", keys);
        final String or = ODataFilter.anyOf("externalDocumentNumber", keys);
        assertEquals("externalDocumentNumber in ('#1001','O''Brien''s #2','a,b','x) or (1 eq 1')", in);
        for (final String key : List.of("#1001", "O'Brien's #2", "a,b", "x) or (1 eq 1")) {
            final var record = MAPPER.createObjectNode().put("externalDocumentNumber", key);
            assertTrue(StubFilter.parse(in).test(record), key);
            assertTrue(StubFilter.parse(or).test(record), key);
        }
        final var other = MAPPER.createObjectNode().put("externalDocumentNumber", "O'Brien");
        assertFalse(StubFilter.parse(in).test(other), "quotes cannot be used to escape the literal");
        assertFalse(StubFilter.parse(or).test(other));
    }

    @Test
    void clausesAreParenthesisedAndEncodedForTheQueryString() {
        assertEquals("(a eq 'x') and (b gt 1 or c lt 2)", ODataFilter.and("a eq 'x'", null, " ", "b gt 1 or c lt 2"));
        assertEquals("a eq 'x'", ODataFilter.and("a eq 'x'", ""));
        final String encoded = ODataFilter.encode("number in ('#1 & 2','é')");
        assertFalse(encoded.contains(" ") || encoded.contains("+") || encoded.contains("&") || encoded.contains("#"), encoded);
        assertEquals("number in ('#1 & 2','é')", URLDecoder.decode(encoded, StandardCharsets.UTF_8));
    }

    @Test
    void chunksCoverEveryKeyOnce() {
        final List<Integer> values = java.util.stream.IntStream.range(0, 95).boxed().toList();
        final List<List<Integer>> chunks = ODataFilter.chunks(values, 40);
        assertEquals(List.of(40, 40, 15), chunks.stream().map(List::size).toList());
        assertEquals(values, chunks.stream().flatMap(List::stream).toList());
    }
}
