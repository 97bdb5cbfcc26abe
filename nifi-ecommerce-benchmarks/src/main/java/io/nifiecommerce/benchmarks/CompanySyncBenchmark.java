package io.nifiecommerce.benchmarks;

import io.nifiecommerce.company.CompanyAccount;
import io.nifiecommerce.company.CompanyAddress;
import io.nifiecommerce.company.CompanyContact;
import io.nifiecommerce.company.CompanyOutcome;
import io.nifiecommerce.company.CompanySync;
import io.nifiecommerce.company.ExistingCompany;
import io.nifiecommerce.company.ShopifyCompanyApi;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.stock.PublishedQuantities;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The nightly B2B account sync of 200 BC customers (4 price groups, one catalog each) against the Shopify simulator:
 * the first run (everything created), a night with 1 % of customers changed (delta memory), the same night as a full
 * resync (every company looked up and compared, only differences written), and a stateless full push (every company
 * rewritten, what a sync without look-up nor memory sends). Requests and cost points as the simulator counts them.
 * Writes docs/benchmarks-master-data-b2b.md.
 */
public final class CompanySyncBenchmark {

    private static final String[] PRICE_GROUPS = {"DETAIL", "REVENDEUR", "GROSSISTE", "EXPORT"};

    private CompanySyncBenchmark() {
    }

    record Run(String name, int accounts, long changed, long requests, long cost, long created, long updated, long unchanged, long failed, double seconds) {
    }

    public static void main(final String[] args) throws IOException {
        final int companies = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        final Path out = Path.of(args.length > 1 ? args[1] : "docs/benchmarks-master-data-b2b.md");
        final List<Run> runs = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(10))) {
            for (final String group : PRICE_GROUPS) {
                sandbox.shopify().shop().addCompanyLocationCatalog(group);
            }
            final ShopifyConnection connection = new ShopifyConnection(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken(), 5, java.time.Duration.ofSeconds(60));
            final ShopifyCompanyApi api = new ShopifyCompanyApi(connection.client);
            // warm-up: the simulator parses its SDL on the first request
            api.paymentTermsTemplates();
            final List<CompanyAccount> accounts = new ArrayList<>();
            for (int i = 1; i <= companies; i++) {
                accounts.add(account(i, "Lyon"));
            }
            final PublishedQuantities memory = new PublishedQuantities();
            runs.add(run("first night: all created", sandbox, connection, accounts, companies, () -> new CompanySync(api).sync(accounts, memory, false)));

            final List<CompanyAccount> night = new ArrayList<>(accounts);
            final int changed = Math.max(1, companies / 100);
            for (int i = 0; i < changed; i++) {
                final int index = i * (companies / changed);
                night.set(index, account(index + 1, "Villeurbanne"));
            }
            runs.add(run("1 % changed, delta memory", sandbox, connection, night, changed, () -> new CompanySync(api).sync(night, memory, false)));

            final List<CompanyAccount> nextNight = new ArrayList<>(night);
            for (int i = 0; i < changed; i++) {
                final int index = i * (companies / changed) + 1;
                nextNight.set(index, account(index + 1, "Vénissieux"));
            }
            runs.add(run("1 % changed, full resync (look up and compare all)", sandbox, connection, nextNight, changed,
                    () -> new CompanySync(api).sync(nextNight, new PublishedQuantities(), true)));
            runs.add(run("1 % changed, stateless full push (rewrite all)", sandbox, connection, nextNight, changed,
                    () -> fullPush(api, nextNight)));
        }
        final String report = report(runs, companies);
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    private interface Step {
        CompanySync.Report run();
    }

    private static Run run(final String name, final Sandbox sandbox, final ShopifyConnection connection, final List<CompanyAccount> accounts,
                           final long changed, final Step step) {
        connection.counter.reset();
        final long costBefore = sandbox.stats().get("shopify.cost.spent");
        final long start = System.nanoTime();
        final CompanySync.Report report = step.run();
        final double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(name, accounts.size(), changed, connection.counter.apiRequests(), sandbox.stats().get("shopify.cost.spent") - costBefore,
                report.count(CompanyOutcome.Status.CREATED), report.count(CompanyOutcome.Status.UPDATED), report.count(CompanyOutcome.Status.UNCHANGED),
                report.count(CompanyOutcome.Status.FAILED), seconds);
    }

    /** What a sync without memory nor comparison sends: every company looked up (for its ids), then every part rewritten. */
    private static CompanySync.Report fullPush(final ShopifyCompanyApi api, final List<CompanyAccount> accounts) {
        final Map<String, ExistingCompany> existing = api.companiesByExternalId(accounts.stream().map(CompanyAccount::externalId).toList());
        final List<CompanyOutcome> outcomes = new ArrayList<>();
        for (final CompanyAccount account : accounts) {
            final ExistingCompany company = existing.get(account.externalId());
            final Map<String, Object> variables = new HashMap<>();
            variables.put("companyId", company.id());
            variables.put("company", Map.of("name", account.name(), "externalId", account.externalId()));
            variables.put("updateCompany", true);
            variables.put("locationId", company.location().id());
            variables.put("location", Map.of("name", account.locationName(), "externalId", account.externalId()));
            variables.put("updateLocation", true);
            variables.put("billingAddress", Map.of("address1", account.billing().address1(), "city", account.billing().city(), "countryCode", "FR"));
            variables.put("billingTypes", List.of("BILLING", "SHIPPING"));
            variables.put("assignBilling", true);
            variables.put("shippingAddress", Map.of("address1", account.billing().address1(), "city", account.billing().city(), "countryCode", "FR"));
            variables.put("assignShipping", false);
            variables.put("taxRegistrationId", account.taxRegistrationId());
            variables.put("updateTax", true);
            api.update(variables);
            outcomes.add(new CompanyOutcome(account.externalId(), CompanyOutcome.Status.UPDATED, company.id(), null, null));
        }
        return new CompanySync.Report(outcomes, 0, 0);
    }

    static CompanyAccount account(final int i, final String city) {
        final String number = String.format(Locale.ROOT, "B2B-%04d", i);
        final String name = "Société " + i;
        return new CompanyAccount(number, name, null, null, "+33 4 72 00 " + String.format(Locale.ROOT, "%02d %02d", i / 100 % 100, i % 100),
                new CompanyAddress(i + " rue de la République", null, city, "69002", null, "FR", name, null), null,
                String.format(Locale.ROOT, "FR%011d", 10_000_000_000L + i), i % 3 == 0 ? "Net 60" : "Net 30", PRICE_GROUPS[i % PRICE_GROUPS.length],
                new CompanyContact("achats@client" + i + ".example", "Contact", "N°" + i, null, "Acheteur"));
    }

    static String report(final List<Run> runs, final int companies) {
        final Machine machine = Machine.current();
        final MarkdownTable table = new MarkdownTable("Run", "Customers", "Changed", "Shopify requests", "Cost points", "Created", "Updated",
                "Unchanged", "Failed", "Seconds");
        for (final Run run : runs) {
            table.row(run.name(), run.accounts(), run.changed(), run.requests(), run.cost(), run.created(), run.updated(), run.unchanged(), run.failed(),
                    run.seconds());
        }
        return """
                # Benchmark: B2B companies from Business Central, nightly

                %d BC customers (4 price groups, one company-location catalog each, payment terms Net 30 or Net 60) synchronised to
                the Shopify simulator by `CompanySync` (the core of PutShopifyCompanies), through the bundle's GraphQL client and
                cost budget. Requests are HTTP requests to Shopify; cost points are the actual query cost the simulator computes from
                the 2026-04 SDL (Shopify's method: 10 per mutation field, 1 per object, connections by `first`).

                %s
                What it shows:
                - a night where 1 %% of the customers changed costs a few requests (one look-up of the changed ones, the payment
                  terms templates, one `CompanyUpdate` per changed company) against one request per company for a stateless
                  full push, and no request at all when nothing changed;
                - a full resync (memory lost or cleared) looks every company up (20 per query) but writes only the differences;
                - creation is one `companyCreate` per company (location, addresses, tax id, payment terms and main contact in the
                  same call) plus one `catalogContextUpdate` per catalog for up to 250 locations.

                Machine: %d cores, %s, %s, %s, load %s.
                Command: `./mvnw -q -o -DskipTests -pl nifi-ecommerce-benchmarks -am package` then
                `java -cp "nifi-ecommerce-benchmarks/target/classes:$(cat /tmp/bench.cp)" io.nifiecommerce.benchmarks.CompanySyncBenchmark %d`
                (classpath from `dependency:build-classpath -Dmdep.outputFile=/tmp/bench.cp` on the module).
                """.formatted(companies, table.render(), machine.cores(), machine.memory(), machine.cpuModel(), machine.java(), machine.load(), companies);
    }
}
