package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One page of an OData collection and the link to the next one (null on the last page). */
public record Page(List<JsonNode> values, String nextLink) {
}
