package io.nifiecommerce.processors.mirakl;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.mirakl.MiraklSellerApi;
import io.nifiecommerce.mirakl.PeriodSettlement;
import io.nifiecommerce.mirakl.SettlementJson;
import io.nifiecommerce.processors.PropertyRenames;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.PrimaryNodeOnly;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSchedule;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@PrimaryNodeOnly
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = "The end of the last period summarised, committed with its FlowFile: each period is "
        + "summarised once. Clear it to summarise again from the Initial Start Date.")
@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
// Mirakl recommends IV01 once a day and TL02 20 times a day at most.
@DefaultSchedule(period = "1 hour")
@DefaultSettings(yieldDuration = "5 min", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@Tags({"mirakl", "marketplace", "settlement", "payout", "invoice", "commission", "accounting", "bilan"})
@CapabilityDescription("Summarises each closed period of a seller shop on a Mirakl marketplace (the « bilan »): its transaction lines "
        + "(TL02) and accounting documents (IV01: the operator's commission invoices, manual invoices and credit notes). One JSON document "
        + "per period: sales, refunds, commissions, fees, credits, payouts and the balance, the net per order, the accounting documents "
        + "with their keys (marketplace code and document number) for the ERP, and the documents paid by the period's payouts.")
@WritesAttributes({
        @WritesAttribute(attribute = "mirakl.marketplace", description = "The marketplace's code"),
        @WritesAttribute(attribute = "settlement.period.start", description = "The period's first instant (ISO-8601)"),
        @WritesAttribute(attribute = "settlement.period.end", description = "The instant after the period (ISO-8601)"),
        @WritesAttribute(attribute = "settlement.order.count", description = "Orders with sales in the period"),
        @WritesAttribute(attribute = "mime.type", description = "application/json")
})
@SeeAlso({StandardMiraklConnectionService.class, FetchMiraklOrders.class})
public class FetchMiraklSettlement extends AbstractProcessor {

    public static final PropertyDescriptor MIRAKL_CONNECTION = new PropertyDescriptor.Builder()
            .name("Mirakl Connection")
            .description("The marketplace shop to summarise.")
            .required(true)
            .identifiesControllerService(MiraklConnectionService.class)
            .build();

    public static final PropertyDescriptor INITIAL_START_DATE = new PropertyDescriptor.Builder()
            .name("Initial Start Date")
            .description("The start of the first period, an ISO-8601 instant (e.g. 2026-01-01T00:00:00Z); later periods follow on.")
            .required(true)
            .addValidator(StandardValidators.ISO8601_INSTANT_VALIDATOR)
            .build();

    public static final PropertyDescriptor PERIOD = new PropertyDescriptor.Builder()
            .name("Period")
            .description("The length of a period, e.g. 1 day, or 10 days to follow Mirakl's default billing cycle (1st, 11th, 21st). The "
                    + "operator's invoices are booked with the period they were issued in, so the period bounds how late they reach the ERP.")
            .required(true)
            .defaultValue("1 day")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor SETTLEMENT_DELAY = new PropertyDescriptor.Builder()
            .name("Settlement Delay")
            .description("How long after its end a period is summarised, so that the operator's late transaction lines are in it.")
            .required(true)
            .defaultValue("1 hour")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(MIRAKL_CONNECTION, INITIAL_START_DATE, PERIOD, SETTLEMENT_DELAY);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("One JSON settlement per closed period").build();

    static final String PERIOD_END = "period.end";
    /** Bounds the work of one run after a long stop: the next run goes on. */
    static final int MAX_PERIODS_PER_RUN = 31;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private volatile Clock clock = Clock.systemUTC();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS);
    }

    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final MiraklConnectionService connection = context.getProperty(MIRAKL_CONNECTION).asControllerService(MiraklConnectionService.class);
        final Duration period = Duration.ofMillis(context.getProperty(PERIOD).asTimePeriod(TimeUnit.MILLISECONDS));
        final Duration delay = Duration.ofMillis(context.getProperty(SETTLEMENT_DELAY).asTimePeriod(TimeUnit.MILLISECONDS));
        try {
            final String stored = session.getState(Scope.CLUSTER).get(PERIOD_END);
            Instant start = stored == null ? Instant.parse(context.getProperty(INITIAL_START_DATE).getValue()) : Instant.parse(stored);
            final MiraklSellerApi api = connection.api();
            int periods = 0;
            while (periods < MAX_PERIODS_PER_RUN && !start.plus(period).plus(delay).isAfter(clock.instant())) {
                final Instant end = start.plus(period);
                final PeriodSettlement settlement = PeriodSettlement.of(connection.marketplace(), start, end,
                        api.transactionLines(start, end), api.accountingDocuments(start, end));
                FlowFile flowFile = session.write(session.create(), out -> MAPPER.writeValue(out, SettlementJson.toJson(settlement)));
                final Map<String, String> attributes = new HashMap<>();
                attributes.put(FetchMiraklOrders.MARKETPLACE_ATTRIBUTE, connection.marketplace());
                attributes.put("settlement.period.start", start.toString());
                attributes.put("settlement.period.end", end.toString());
                attributes.put("settlement.order.count", Integer.toString(settlement.orderCount()));
                attributes.put("mime.type", "application/json");
                flowFile = session.putAllAttributes(flowFile, attributes);
                session.getProvenanceReporter().receive(flowFile, api.client().instance() + "/api/sellerpayment/transactions_logs (TL02), /api/invoices (IV01)");
                session.transfer(flowFile, REL_SUCCESS);
                start = end;
                periods++;
            }
            // no yield when no period closed: such a run only reads the clock, and a short schedule lets a period be
            // summarised soon after its delay has passed
            if (periods > 0) {
                session.setState(Map.of(PERIOD_END, start.toString()), Scope.CLUSTER);
            }
        } catch (final ApiException e) {
            session.rollback();
            getLogger().error("Summarising {} stopped: {} {} ({})", connection.marketplace(), e.errorClass(), e.code(), e.getMessage());
            context.yield();
        } catch (final IOException | RuntimeException e) {
            session.rollback();
            getLogger().error("Summarising {} failed", connection.marketplace(), e);
            context.yield();
        }
    }

    /**
     * Former property names of this processor, each with its current name: when a property is renamed, add the pair here so
     * that flows saved with the former name keep their value. None has been renamed so far.
     */
    static final PropertyRenames RENAMED_PROPERTIES = PropertyRenames.none();

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        RENAMED_PROPERTIES.applyTo(config);
    }
}
