package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.CustomerMatch;
import io.nifiecommerce.businesscentral.CustomerPolicy;
import io.nifiecommerce.businesscentral.ItemReference;
import io.nifiecommerce.businesscentral.MappingOptions;
import io.nifiecommerce.businesscentral.PriceBasis;
import io.nifiecommerce.businesscentral.SalesOrderSetup;
import io.nifiecommerce.businesscentral.SalesOrderSubmitter;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.Sleeper;
import io.nifiecommerce.processors.RecordDescriptors;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.lookup.LookupService;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** PutBusinessCentralOrder's property descriptors, its properties as the plain-Java sales order setup takes them, and their validators. */
final class SalesOrderProperties {

    private SalesOrderProperties() {
    }

    /** The submitter for the configured company, built from the properties. */
    static SalesOrderSubmitter submitter(final ProcessContext context, final Sleeper sleeper) {
        final BusinessCentralConnectionService service = context.getProperty(CONNECTION_SERVICE).asControllerService(BusinessCentralConnectionService.class);
        final MappingOptions options = new MappingOptions(context.getProperty(SHIPPING_LINE_TYPE).getValue(),
                context.getProperty(SHIPPING_LINE_NUMBER).getValue(), PriceBasis.valueOf(context.getProperty(PRICE_BASIS).getValue()),
                context.getProperty(LOCAL_CURRENCY).getValue().toUpperCase(Locale.ROOT), context.getProperty(EXTERNAL_DOCUMENT_NUMBER_TEMPLATE).getValue());
        final CustomerPolicy policy = new CustomerPolicy(CustomerMatch.parseList(context.getProperty(B2C_CUSTOMER_MATCHING).getValue()),
                CustomerMatch.parseList(context.getProperty(B2B_CUSTOMER_MATCHING).getValue()), context.getProperty(B2C_DEFAULT_CUSTOMER).getValue(),
                context.getProperty(B2B_DEFAULT_CUSTOMER).getValue(), CustomerPolicy.template(context.getProperty(CUSTOMER_TEMPLATE).getValue()),
                context.getProperty(CUSTOMER_NUMBER_PREFIX).getValue());
        final ItemReference reference = ItemReference.valueOf(context.getProperty(ITEM_REFERENCE).getValue());
        final LookupService<?> itemLookup = reference == ItemReference.LOOKUP
                ? context.getProperty(ITEM_LOOKUP_SERVICE).asControllerService(LookupService.class) : null;
        final SalesOrderSetup setup = new SalesOrderSetup(options, policy, reference, itemLookup == null ? null : sku -> lookupItem(itemLookup, sku),
                context.getProperty(ORDERS_PER_BATCH).asInteger(), MODE_ATOMIC.getValue().equals(context.getProperty(TRANSACTION_MODE).getValue()),
                context.getProperty(FAIL_ON_AMOUNT_MISMATCH).asBoolean());
        return setup.submitter(service.client(), service.companyId(), sleeper);
    }

    static Optional<String> lookupItem(final LookupService<?> service, final String sku) {
        try {
            return service.lookup(Map.of("sku", sku)).map(Object::toString);
        } catch (final Exception e) {
            throw new ApiException(ErrorClass.TRANSIENT, 0, "ITEM_LOOKUP_FAILED", "Item lookup service failed: " + e.getMessage());
        }
    }

    /** A comma-separated list of the customer matches allowed. */
    static Validator customerMatches(final Set<CustomerMatch> allowed) {
        return (subject, input, context) -> {
            boolean ok;
            try {
                final List<CustomerMatch> matches = CustomerMatch.parseList(input);
                ok = !matches.isEmpty() && allowed.containsAll(matches);
            } catch (final IllegalArgumentException e) {
                ok = false;
            }
            return new ValidationResult.Builder().subject(subject).input(input).valid(ok)
                    .explanation(ok ? null : "must be a comma-separated list of " + allowed).build();
        };
    }

    /** A JSON object: the Customer Template. */
    static final Validator JSON_OBJECT = jsonObject();

    private static Validator jsonObject() {
        return (subject, input, context) -> {
            boolean ok;
            try {
                ok = CustomerPolicy.template(input) != null;
            } catch (final IllegalArgumentException e) {
                ok = false;
            }
            return new ValidationResult.Builder().subject(subject).input(input).valid(ok).explanation(ok ? null : "must be a JSON object").build();
        };
    }

    // The descriptors come after the validators they use: static fields are initialised in textual order.

    static final AllowableValue SHIPPING_ACCOUNT = new AllowableValue("Account", "Account", "Shipping booked on a G/L account");
    static final AllowableValue SHIPPING_CHARGE = new AllowableValue("Charge", "Charge (Item)", "Shipping booked as an item charge");

    static final AllowableValue MODE_INDEPENDENT = new AllowableValue("INDEPENDENT", "Independent",
            "Each order of a $batch succeeds or fails alone");
    static final AllowableValue MODE_ATOMIC = new AllowableValue("ATOMIC", "Atomic",
            "Each $batch is one transaction (Isolation: snapshot): one refused order rolls back the others of its batch, which go to failure as BATCH_ROLLED_BACK");

    public static final PropertyDescriptor CONNECTION_SERVICE = new PropertyDescriptor.Builder()
            .name("Business Central Connection")
            .description("The connection to the Business Central company.")
            .required(true)
            .identifiesControllerService(BusinessCentralConnectionService.class)
            .build();

    public static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader("Reads canonical order records.");

    public static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter(
            "Writes the records of each outcome, with the outcome fields added.");

    public static final PropertyDescriptor ITEM_REFERENCE = new PropertyDescriptor.Builder()
            .name("Item Reference")
            .description("How an order line's product is found in Business Central.")
            .required(true)
            .allowableValues(
                    new AllowableValue(ItemReference.SKU_IS_ITEM_NUMBER.name(), "SKU Is Item Number", "The SKU is the BC item number"),
                    new AllowableValue(ItemReference.GTIN.name(), "GTIN", "The line's GTIN (or SKU when it has none) is looked up in items.gtin (batched, cached)"),
                    new AllowableValue(ItemReference.LOOKUP.name(), "Lookup Service", "A Lookup Service maps the SKU (coordinate 'sku') to the item number"))
            .defaultValue(ItemReference.SKU_IS_ITEM_NUMBER.name())
            .build();

    public static final PropertyDescriptor ITEM_LOOKUP_SERVICE = new PropertyDescriptor.Builder()
            .name("Item Lookup Service")
            .description("Maps a SKU (lookup coordinate 'sku') to a Business Central item number, e.g. a SimpleKeyValueLookupService or a CSV lookup.")
            .required(true)
            .identifiesControllerService(LookupService.class)
            .dependsOn(ITEM_REFERENCE, ItemReference.LOOKUP.name())
            .build();

    public static final PropertyDescriptor SHIPPING_LINE_TYPE = new PropertyDescriptor.Builder()
            .name("Shipping Line Type")
            .description("The sales line type shipping charges are booked with.")
            .required(true)
            .allowableValues(SHIPPING_ACCOUNT, SHIPPING_CHARGE)
            .defaultValue(SHIPPING_ACCOUNT.getValue())
            .build();

    public static final PropertyDescriptor SHIPPING_LINE_NUMBER = new PropertyDescriptor.Builder()
            .name("Shipping Line Number")
            .description("The G/L account or item charge number of shipping lines. Empty: shipping is not sent (the order then does not reconcile "
                    + "with its total when it has shipping).")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor PRICE_BASIS = new PropertyDescriptor.Builder()
            .name("Price Basis")
            .description("BC's pricesIncludeTax is read-only: it follows the customer's 'Prices Including VAT'. Send prices as the order gives "
                    + "them when that matches the customers used; convert to tax-excluded (using each line's tax) when the customers "
                    + "book prices excluding VAT and the shop's prices include tax.")
            .required(true)
            .allowableValues(
                    new AllowableValue(PriceBasis.AS_GIVEN.name(), "As Given", "Prices as in the order"),
                    new AllowableValue(PriceBasis.EXCLUDING_TAX.name(), "Excluding Tax", "Tax-included prices converted to tax-excluded"))
            .defaultValue(PriceBasis.AS_GIVEN.name())
            .build();

    public static final PropertyDescriptor LOCAL_CURRENCY = new PropertyDescriptor.Builder()
            .name("Local Currency")
            .description("The company's local currency (LCY). Orders in it are sent with a blank currency code, as BC expects.")
            .required(true)
            .defaultValue("EUR")
            .addValidator(StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("[A-Za-z]{3}")))
            .build();

    public static final PropertyDescriptor EXTERNAL_DOCUMENT_NUMBER_TEMPLATE = new PropertyDescriptor.Builder()
            .name("External Document Number Template")
            .description("The order's external document number, the idempotency key (35 characters at most, longer is cut). Placeholders: "
                    + "${name} (e.g. #1001), ${number} (name without #), ${source}, ${sourceId}, ${poNumber}, ${channel}. "
                    + "Changing it makes earlier orders unrecognisable: they would be created again.")
            .required(true)
            .defaultValue(MappingOptions.DEFAULT_TEMPLATE)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor B2C_CUSTOMER_MATCHING = new PropertyDescriptor.Builder()
            .name("B2C Customer Matching")
            .description("Comma-separated ways to find a consumer order's customer, tried in order: EMAIL, CREATE (email lookup, else create "
                    + "from the Customer Template), DEFAULT (the B2C Default Customer).")
            .required(true)
            .defaultValue("DEFAULT")
            .addValidator(SalesOrderProperties.customerMatches(Set.of(CustomerMatch.EMAIL, CustomerMatch.CREATE, CustomerMatch.DEFAULT)))
            .build();

    public static final PropertyDescriptor B2C_DEFAULT_CUSTOMER = new PropertyDescriptor.Builder()
            .name("B2C Default Customer")
            .description("Customer number consumer orders are booked on by DEFAULT.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor B2B_CUSTOMER_MATCHING = new PropertyDescriptor.Builder()
            .name("B2B Customer Matching")
            .description("Comma-separated ways to find a company order's customer, tried in order: EXTERNAL_ID (company external id = customer "
                    + "number), TAX_REGISTRATION_NUMBER, EMAIL, CREATE, DEFAULT (the B2B Default Customer, when set).")
            .required(true)
            .defaultValue("EXTERNAL_ID,TAX_REGISTRATION_NUMBER,DEFAULT")
            .addValidator(SalesOrderProperties.customerMatches(Set.of(CustomerMatch.values())))
            .build();

    public static final PropertyDescriptor B2B_DEFAULT_CUSTOMER = new PropertyDescriptor.Builder()
            .name("B2B Default Customer")
            .description("Customer number company orders are booked on by DEFAULT.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor CUSTOMER_TEMPLATE = new PropertyDescriptor.Builder()
            .name("Customer Template")
            .description("JSON object of customer fields every customer created by CREATE starts with, e.g. "
                    + "{\"taxAreaId\":\"...\",\"paymentTermsId\":\"...\",\"currencyCode\":\"\"}. Name, email, phone and address come from the order.")
            .required(false)
            .addValidator(SalesOrderProperties.JSON_OBJECT)
            .build();

    public static final PropertyDescriptor CUSTOMER_NUMBER_PREFIX = new PropertyDescriptor.Builder()
            .name("Customer Number Prefix")
            .description("Empty: customers created by CREATE are numbered by BC's number series for customers, and only the writers of one node "
                    + "are kept from creating the same new customer twice. Set (e.g. SHOP-): a customer created for a Shopify customer is numbered "
                    + "this prefix and the Shopify customer's id (SHOP-7398465798423), so that BC refuses a second card for it from another node "
                    + "(the number is the customer's key) and that node books the order on the first: exactly once across the cluster. Needs "
                    + "'Manual Nos.' on the customers' number series in BC. Marketplace and EDI buyers, who have no Shopify id, keep BC's numbers. "
                    + "At most " + CustomerPolicy.MAX_NUMBER_PREFIX + " characters (BC's customer numbers have 20).")
            .required(false)
            .addValidator(StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile(
                    "[A-Za-z0-9_-]{1," + CustomerPolicy.MAX_NUMBER_PREFIX + "}")))
            .build();

    public static final PropertyDescriptor ORDERS_PER_BATCH = new PropertyDescriptor.Builder()
            .name("Orders Per Batch")
            .description("Deep inserts per $batch request (Business Central accepts at most 100 operations).")
            .required(true)
            .defaultValue("100")
            .addValidator(StandardValidators.createLongValidator(1, 100, true))
            .build();

    public static final PropertyDescriptor TRANSACTION_MODE = new PropertyDescriptor.Builder()
            .name("Transaction Mode")
            .description("Whether the orders of one $batch are independent or one transaction.")
            .required(true)
            .allowableValues(MODE_INDEPENDENT, MODE_ATOMIC)
            .defaultValue(MODE_INDEPENDENT.getValue())
            .build();

    public static final PropertyDescriptor FAIL_ON_AMOUNT_MISMATCH = new PropertyDescriptor.Builder()
            .name("Fail On Amount Mismatch")
            .description("When the lines as sent (plus tax when sent without it) do not add up to the order's total price to the cent, "
                    + "route the order to failure (AMOUNT_MISMATCH) instead of creating it with the difference noted in bcAmountDifference.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    /** In the order the reference documents them. */
    static final List<PropertyDescriptor> DESCRIPTORS = List.of(CONNECTION_SERVICE, RECORD_READER, RECORD_WRITER, ITEM_REFERENCE,
            ITEM_LOOKUP_SERVICE, SHIPPING_LINE_TYPE, SHIPPING_LINE_NUMBER, PRICE_BASIS, LOCAL_CURRENCY, EXTERNAL_DOCUMENT_NUMBER_TEMPLATE,
            B2C_CUSTOMER_MATCHING, B2C_DEFAULT_CUSTOMER, B2B_CUSTOMER_MATCHING, B2B_DEFAULT_CUSTOMER, CUSTOMER_TEMPLATE, CUSTOMER_NUMBER_PREFIX,
            ORDERS_PER_BATCH, TRANSACTION_MODE, FAIL_ON_AMOUNT_MISMATCH);
}
