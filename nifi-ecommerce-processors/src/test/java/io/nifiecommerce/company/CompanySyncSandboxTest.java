package io.nifiecommerce.company;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.stock.PublishedQuantities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The company sync against the Shopify simulator: create, nothing twice, only what changed, catalogs, userErrors. */
class CompanySyncSandboxTest {

    private static Sandbox sandbox;
    private ShopifyCompanyApi api;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(2));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void client() {
        sandbox.reset();
        api = new ShopifyCompanyApi(sandboxClient());
    }

    private static ShopifyGraphQlClient sandboxClient() {
        return new ShopifyGraphQlClient(new ShopifyEndpoint(sandbox.shopifyBaseUrl(), "2026-07"),
                AccessTokenSource.of(sandbox.shopifyAccessToken()), CostBudget.standard(),
                new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(10)), RetryPolicy.DEFAULT), Duration.ofSeconds(30));
    }

    static CompanyAccount account(final String number, final String name, final String city, final String priceGroup) {
        return new CompanyAccount(number, name, null, null, "+33 1 23 45 67 89",
                new CompanyAddress("12 rue de la Paix", null, city, "75002", null, "FR", name, null), null,
                "FR40303265045", "Net 30", priceGroup, new CompanyContact("achats@" + number.toLowerCase() + ".example", "Anne", "Martin", null, "Acheteuse"));
    }

    @Test
    void createsOnceThenSendsOnlyWhatChanged() {
        final String catalog = sandbox.shopify().shop().addCompanyLocationCatalog("REVENDEURS");
        final PublishedQuantities memory = new PublishedQuantities();
        final List<CompanyAccount> accounts = List.of(account("B2B-001", "Quincaillerie Morel", "Paris", "REVENDEURS"),
                account("B2B-002", "Ets Durand", "Lyon", null));

        final CompanySync.Report first = new CompanySync(api).sync(accounts, memory, false);
        assertEquals(List.of(CompanyOutcome.Status.CREATED, CompanyOutcome.Status.CREATED), first.outcomes().stream().map(CompanyOutcome::status).toList());
        // look-up, payment terms, catalog title, 2 creates, 1 catalog update
        assertEquals(6, first.requests());

        final Map<String, ExistingCompany> created = api.companiesByExternalId(List.of("B2B-001", "B2B-002"));
        final ExistingCompany morel = created.get("B2B-001");
        assertEquals("Quincaillerie Morel", morel.name());
        assertNotNull(morel.mainContactId());
        assertEquals("B2B-001", morel.location().externalId());
        assertEquals("FR40303265045", morel.location().taxRegistrationId());
        assertEquals("gid://shopify/PaymentTermsTemplate/5", morel.location().paymentTermsTemplateId());
        assertEquals("Paris", morel.location().billing().city());
        assertEquals(morel.location().billing(), morel.location().shipping());
        assertEquals(List.of(catalog), morel.location().catalogIds());

        // the same input again: nothing to send, not even a look-up
        final CompanySync.Report again = new CompanySync(api).sync(accounts, memory, false);
        assertEquals(0, again.requests());
        assertEquals(2, again.count(CompanyOutcome.Status.UNCHANGED));

        // a lost memory (a full resync) finds both and sends nothing but the look-up and the reference reads
        final CompanySync.Report full = new CompanySync(api).sync(accounts, new PublishedQuantities(), true);
        assertEquals(2, full.count(CompanyOutcome.Status.UNCHANGED));
        assertEquals(0, full.mutations());
        assertEquals(2, api.companiesByExternalId(List.of("B2B-001", "B2B-002")).size());

        // one customer moved: one look-up and one update request
        final List<CompanyAccount> moved = List.of(account("B2B-001", "Quincaillerie Morel", "Paris", "REVENDEURS"),
                account("B2B-002", "Ets Durand", "Villeurbanne", null));
        final CompanySync.Report update = new CompanySync(api).sync(moved, memory, false);
        assertEquals(List.of(CompanyOutcome.Status.UNCHANGED, CompanyOutcome.Status.UPDATED), update.outcomes().stream().map(CompanyOutcome::status).toList());
        assertEquals(1, update.mutations());
        final ExistingCompany durand = api.companiesByExternalId(List.of("B2B-002")).get("B2B-002");
        assertEquals("Villeurbanne", durand.location().billing().city());
        assertEquals("Villeurbanne", durand.location().shipping().city());
    }

    @Test
    void aSeededCompanyIsUpdatedNotDuplicated() {
        final String number = sandbox.shopify().shop().companyExternalIds().get(0);
        final int before = sandbox.shopify().shop().companyExternalIds().size();
        final CompanySync.Report report = new CompanySync(api).sync(List.of(account(number, "Renamed SARL", "Nantes", null)),
                new PublishedQuantities(), false);
        assertEquals(CompanyOutcome.Status.UPDATED, report.outcomes().get(0).status());
        assertEquals(before, sandbox.shopify().shop().companyExternalIds().size());
        assertEquals("Renamed SARL", api.companiesByExternalId(List.of(number)).get(number).name());
    }

    @Test
    void unknownReferencesFailTheAccountAndAreRetriedNextRun() {
        final PublishedQuantities memory = new PublishedQuantities();
        final CompanyAccount noCatalog = account("B2B-010", "Atelier Petit", "Rennes", "GROSSISTES");
        final CompanyAccount badTerms = new CompanyAccount("B2B-011", "Maison Roux", null, null, null, null, null, null, "Net 33", null, null);
        final CompanySync.Report report = new CompanySync(api).sync(List.of(noCatalog, badTerms), memory, false);
        assertEquals("NO_CATALOG", report.outcomes().get(0).code());
        assertNotNull(report.outcomes().get(0).companyId());
        assertEquals("NO_PAYMENT_TERMS", report.outcomes().get(1).code());
        assertEquals(0, memory.size());

        sandbox.shopify().shop().addCompanyLocationCatalog("GROSSISTES");
        final CompanySync.Report next = new CompanySync(api).sync(List.of(noCatalog), memory, false);
        assertEquals(CompanyOutcome.Status.UNCHANGED, next.outcomes().get(0).status());
        assertEquals(1, api.companiesByExternalId(List.of("B2B-010")).get("B2B-010").location().catalogIds().size());
        assertEquals(1, memory.size());
    }

    @Test
    void shopifyUserErrorsAreTheAccountsOutcome() {
        // a seeded company's location already holds this externalId: Shopify answers TAKEN and nothing is created
        final int before = sandbox.shopify().shop().companyExternalIds().size();
        final CompanySync.Report report = new CompanySync(api).sync(List.of(account("CL-0001-1", "Doublon SA", "Lille", null)),
                new PublishedQuantities(), false);
        assertEquals("TAKEN", report.outcomes().get(0).code());
        assertTrue(report.outcomes().get(0).message().contains("externalId"), report.outcomes().get(0).message());
        assertEquals(before, sandbox.shopify().shop().companyExternalIds().size());
    }

    @Test
    void aRepeatedCustomerIsSentOnceAsItsLastRecord() {
        final CompanySync.Report report = new CompanySync(api).sync(List.of(
                account("B2B-030", "Ancien Nom", "Lille", null), account("B2B-030", "Nouveau Nom", "Lille", null)), new PublishedQuantities(), false);
        assertEquals("DUPLICATE_EXTERNAL_ID", report.outcomes().get(0).code());
        assertEquals(CompanyOutcome.Status.CREATED, report.outcomes().get(1).status());
        assertEquals("Nouveau Nom", api.companiesByExternalId(List.of("B2B-030")).get("B2B-030").name());
    }

    /** An api whose {@code companyCreate} for one externalId fails transiently, after applying it or before. */
    private ShopifyCompanyApi failingCreate(final ShopifyCompanyApi real, final String externalId, final boolean applied, final int[] calls) {
        return new ShopifyCompanyApi(sandboxClient()) {
            @Override
            public com.fasterxml.jackson.databind.JsonNode create(final Map<String, Object> input) {
                if (!input.get("company").toString().contains(externalId)) {
                    return real.create(input);
                }
                calls[0]++;
                if (applied) {
                    real.create(input);
                }
                throw new ApiException(ErrorClass.TRANSIENT, 503, "UNAVAILABLE", "connection lost");
            }
        };
    }

    @Test
    void aLostCreateAnswerIsSettledInPlaceByExternalId() {
        final int[] calls = {0};
        final List<CompanyAccount> accounts = List.of(account("B2B-401", "Morel", "Paris", null), account("B2B-402", "Durand", "Lyon", null));

        final CompanySync.Report report = new CompanySync(failingCreate(api, "B2B-402", true, calls)).sync(accounts, new PublishedQuantities(), false);

        assertEquals(1, calls[0], "found by externalId after the lost answer, not created again");
        assertTrue(report.outcomes().stream().noneMatch(CompanyOutcome::failed), report.outcomes()::toString);
        assertEquals(1, sandbox.shopify().shop().companyExternalIds().stream().filter("B2B-402"::equals).count());
    }

    @Test
    void whenTriesRunOutTheAccountsSettledAreRememberedAndTheFailureThrown() {
        final int[] calls = {0};
        final PublishedQuantities memory = new PublishedQuantities();
        final List<CompanyAccount> accounts = List.of(account("B2B-501", "Morel", "Paris", null), account("B2B-502", "Durand", "Lyon", null));

        final ApiException thrown = assertThrows(ApiException.class,
                () -> new CompanySync(failingCreate(api, "B2B-502", false, calls)).sync(accounts, memory, false));

        assertTrue(thrown.isTransient());
        assertEquals(CompanySync.ATTEMPTS_PER_ACCOUNT, calls[0]);
        assertTrue(memory.isUnchanged(CompanySync.memoryKey("B2B-501"), accounts.get(0).fingerprint()));
        assertFalse(memory.isUnchanged(CompanySync.memoryKey("B2B-502"), accounts.get(1).fingerprint()));
        // the retry skips the settled account without a call and creates the other
        final CompanySync.Report retried = new CompanySync(api).sync(accounts, memory, false);
        assertEquals(List.of(CompanyOutcome.Status.UNCHANGED, CompanyOutcome.Status.CREATED),
                retried.outcomes().stream().map(CompanyOutcome::status).toList());
    }
}
