package io.nifiecommerce.processors.stock;

import io.nifiecommerce.stock.PublishPolicy;
import io.nifiecommerce.stock.QuantityName;
import io.nifiecommerce.stock.StockPublisher;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PublishStockLevels' properties as the plain-Java publisher takes them: the dynamic location.&lt;code&gt; and
 * safety-stock.&lt;code&gt; properties by code, and the publisher's settings for one FlowFile.
 */
final class StockProperties {

    static final String LOCATION_PREFIX = "location.";
    static final String SAFETY_STOCK_PREFIX = "safety-stock.";

    private StockProperties() {
    }

    /** The descriptor of a dynamic property: location.&lt;code&gt; or safety-stock.&lt;code&gt;; any other name is invalid. */
    static PropertyDescriptor dynamicDescriptor(final String name) {
        final PropertyDescriptor.Builder builder = new PropertyDescriptor.Builder().name(name).dynamic(true).required(false);
        if (name.startsWith(SAFETY_STOCK_PREFIX) && name.length() > SAFETY_STOCK_PREFIX.length()) {
            return builder.description("Safety stock for " + name.substring(SAFETY_STOCK_PREFIX.length()))
                    .addValidator(StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR).build();
        }
        if (name.startsWith(LOCATION_PREFIX) && name.length() > LOCATION_PREFIX.length()) {
            return builder.description("The Shopify location of code " + name.substring(LOCATION_PREFIX.length()))
                    .addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();
        }
        return builder.addValidator((subject, input, context) -> new ValidationResult.Builder().subject(subject).input(input)
                .valid(false).explanation("dynamic properties are location.<code> or safety-stock.<code>").build()).build();
    }

    /** The values of the dynamic properties named prefix + code, by code, in the order configured. */
    static Map<String, String> dynamic(final ProcessContext context, final String prefix) {
        final Map<String, String> byCode = new LinkedHashMap<>();
        context.getProperties().forEach((descriptor, value) -> {
            if (descriptor.isDynamic() && descriptor.getName().startsWith(prefix) && value != null) {
                byCode.put(descriptor.getName().substring(prefix.length()), value);
            }
        });
        return byCode;
    }

    /** The publisher's settings for a FlowFile (the Reference Document URI may use its attributes). */
    static StockPublisher.Settings settings(final ProcessContext context, final FlowFile flowFile, final String apiVersion) {
        final Map<String, Long> safetyByLocation = new HashMap<>();
        dynamic(context, SAFETY_STOCK_PREFIX).forEach((code, value) -> safetyByLocation.put(code, Long.parseLong(value.trim())));
        final PublishPolicy policy = new PublishPolicy(QuantityName.fromApiName(context.getProperty(PublishStockLevels.QUANTITY_NAME).getValue()),
                context.getProperty(PublishStockLevels.SAFETY_STOCK).asLong(), safetyByLocation,
                context.getProperty(PublishStockLevels.COMMITTED_COMPENSATION).asBoolean());
        return new StockPublisher.Settings(policy, context.getProperty(PublishStockLevels.REASON).getValue(),
                context.getProperty(PublishStockLevels.REFERENCE_DOCUMENT_URI).evaluateAttributeExpressions(flowFile).getValue(),
                apiVersion, context.getProperty(PublishStockLevels.COMPARE_AND_SET).asBoolean(), context.getProperty(PublishStockLevels.BATCH_SIZE).asInteger());
    }
}
