package io.nifiecommerce.processors.stock;

import io.nifiecommerce.edi.EdiStockReader;
import io.nifiecommerce.edi.StockReadOptions;
import io.nifiecommerce.processors.PropertyRenames;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.DescribedValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.PropertyValue;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;

import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

@Tags({"edi", "edifact", "x12", "invrpt", "846", "inventory", "stock", "record", "reader", "3pl"})
@CapabilityDescription("""
        Reads stock levels from EDI inventory reports sent by a warehouse or 3PL: EDIFACT INVRPT (any directory, \
        for example D.96A) and X12 846. Each quantity becomes a record with the fields sku, gtin, warehouse, \
        quantity, qualifier and date. The interchange is streamed, so files of any size are read in constant \
        memory. Envelopes are validated (segment counts and control references); a malformed interchange fails \
        with the segment and its position in the message, so record processors route the FlowFile to failure.""")
public class EdiStockRecordReader extends AbstractControllerService implements RecordReaderFactory {

    enum StandardOption implements DescribedValue {
        AUTO("auto", "Auto-detect", "Read the standard from the envelope: UNA/UNB for EDIFACT, ISA for X12"),
        EDIFACT("EDIFACT", "EDIFACT", "Accept EDIFACT INVRPT only; an X12 interchange is malformed"),
        X12("X12", "X12", "Accept X12 846 only; an EDIFACT interchange is malformed");

        private final String value;
        private final String displayName;
        private final String description;

        StandardOption(String value, String displayName, String description) {
            this.value = value;
            this.displayName = displayName;
            this.description = description;
        }

        @Override
        public String getValue() {
            return value;
        }

        @Override
        public String getDisplayName() {
            return displayName;
        }

        @Override
        public String getDescription() {
            return description;
        }

        EdiStockReader.Standard standard() {
            return EdiStockReader.Standard.valueOf(name());
        }
    }

    private static final Pattern CODE_LIST = Pattern.compile("\\s*[A-Za-z0-9]{1,3}\\s*(,\\s*[A-Za-z0-9]{1,3}\\s*)*");

    static final PropertyDescriptor EDI_STANDARD = new PropertyDescriptor.Builder()
            .name("EDI Standard")
            .description("The EDI standard of the incoming interchanges.")
            .required(true)
            .allowableValues(StandardOption.class)
            .defaultValue(StandardOption.AUTO)
            .build();

    static final PropertyDescriptor QUANTITY_QUALIFIERS = new PropertyDescriptor.Builder()
            .name("Quantity Qualifiers")
            .description("""
                    Comma-separated quantity qualifiers to read; each matching QTY becomes a record carrying its \
                    qualifier. Leave empty for the stock to publish: 145 (actual stock) in INVRPT and 33 (quantity \
                    available) in 846. Other common codes: 17 (on hand, both standards), 198 (in transit, INVRPT).""")
            .required(false)
            .addValidator(StandardValidators.createRegexMatchingValidator(CODE_LIST))
            .build();

    static final PropertyDescriptor SKU_QUALIFIERS = new PropertyDescriptor.Builder()
            .name("SKU Qualifiers")
            .description("""
                    Comma-separated item number types read as the SKU (INVRPT PIA/LIN 7143, X12 LIN 235). Leave empty \
                    for SA (supplier's article number) in INVRPT and SK (stock keeping unit) in 846. Use for example \
                    BP or IN when the 3PL sends the buyer's (your) article number, VN for a vendor item number.""")
            .required(false)
            .addValidator(StandardValidators.createRegexMatchingValidator(CODE_LIST))
            .build();

    static final PropertyDescriptor DEFAULT_WAREHOUSE = new PropertyDescriptor.Builder()
            .name("Default Warehouse")
            .description("""
                    The warehouse code given to quantities for which the interchange names no location (no LOC+18 in \
                    INVRPT, no N1*WH or SDQ in 846). May use FlowFile attributes, for example the 3PL's site.""")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .build();

    private static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(
            EDI_STANDARD, QUANTITY_QUALIFIERS, SKU_QUALIFIERS, DEFAULT_WAREHOUSE);

    private volatile StockReadOptions baseOptions;
    private volatile PropertyValue defaultWarehouse;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) {
        baseOptions = StockReadOptions.defaults()
                .withStandard(context.getProperty(EDI_STANDARD).asAllowableValue(StandardOption.class).standard())
                .withQuantityQualifiers(codes(context.getProperty(QUANTITY_QUALIFIERS).getValue()))
                .withSkuQualifiers(codes(context.getProperty(SKU_QUALIFIERS).getValue()));
        defaultWarehouse = context.getProperty(DEFAULT_WAREHOUSE);
    }

    @Override
    public RecordReader createRecordReader(final Map<String, String> variables, final InputStream in, final long inputLength,
                                           final ComponentLog logger) {
        final String warehouse = defaultWarehouse.isSet() ? defaultWarehouse.evaluateAttributeExpressions(variables).getValue() : null;
        return new EdiStockRecordSet(EdiStockReader.open(in, baseOptions.withDefaultWarehouse(warehouse)));
    }

    static Set<String> codes(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Former property names of this controller service, each with its current name: when a property is renamed, add the pair here so
     * that flows saved with the former name keep their value. None has been renamed so far.
     */
    static final PropertyRenames RENAMED_PROPERTIES = PropertyRenames.none();

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        RENAMED_PROPERTIES.applyTo(config);
    }
}
