package dev.threeways.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import dev.threeways.advisor.bill.Demand;
import dev.threeways.advisor.bill.Demands;
import dev.threeways.advisor.bill.DeploymentBill;
import dev.threeways.advisor.bill.Inventory;
import dev.threeways.advisor.price.PriceBook;
import dev.threeways.advisor.price.Region;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every resource of every template, for every combination of runtimes (and the image package, and the worker as its
 * own service), has a price rule: the advisor's {@code bill} accounts for each one, and a resource added to a stack
 * without a rule fails here. The whole-runtime assembly is also the inventory the benchmark harness prices
 * ({@link Inventory#deployedHere()}): when a stack changes, this test says so and how to write it anew.
 */
class EveryResourcePricedTest {
    static final List<String> RUNTIMES = List.of("lambda", "expressmode", "fargate", "apprunner");
    static final String ALL = String.join(",", RUNTIMES);
    /** Where the inventory the harness prices lives in the source tree. */
    static final Path DEPLOYED_HERE = Path.of("../advisor/src/main/resources/dev/threeways/advisor/bill", Inventory.DEPLOYED_HERE);

    private static Path synth(Map<String, Object> context) throws IOException {
        Path out = Files.createTempDirectory("cdk-out-bill");
        var all = new LinkedHashMap<String, Object>(Map.of("repoRoot", "..", "region", "us-east-1",
                "zones", "us-east-1a,us-east-1b"));
        all.putAll(context);
        App app = new App(AppProps.builder().context(all).outdir(out.toString()).build());
        ThreeWaysApp.build(app);
        app.synth();
        return out;
    }

    private static int resourcesInTemplates(Path assembly) throws IOException {
        int n = 0;
        try (var files = Files.list(assembly)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".template.json")).toList()) {
                n += JsonMapper.builder().build().readTree(Files.readString(f)).path("Resources").size();
            }
        }
        return n;
    }

    private static DeploymentBill bill(Inventory inventory) {
        PriceBook book = PriceBook.current();
        Demand demand = Demands.of(inventory, book, Region.US_EAST_1, TrafficProfile.STEADY,
                TrafficProfile.STEADY.requestsPerMonth(), Demand.Path.WEBHOOK, Demands.Figures.uniform(20));
        return DeploymentBill.of(inventory, book, book.in(Region.US_EAST_1), demand);
    }

    @Test
    void everyCombinationOfRuntimesIsBilledResourceByResource() throws IOException {
        var combinations = new ArrayList<Map<String, Object>>();
        for (int mask = 1; mask < 1 << RUNTIMES.size(); mask++) {
            var chosen = new ArrayList<String>();
            for (int i = 0; i < RUNTIMES.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    chosen.add(RUNTIMES.get(i));
                }
            }
            combinations.add(Map.of("runtimes", String.join(",", chosen)));
        }
        combinations.add(Map.of("runtimes", ALL, "lambdaPackage", "image", "fargateWorkerService", "true"));
        for (var context : combinations) {
            Path assembly = synth(context);
            Inventory inventory = Inventory.read(assembly);
            DeploymentBill bill = bill(inventory);
            assertEquals(resourcesInTemplates(assembly), bill.items().size(), "every resource is listed: " + context);
            bill.unpriced().forEach(i -> assertFalse(i.unpriced().isBlank(), i.resource().where() + " unpriced without a reason"));
            if (context.get("runtimes").toString().contains("lambda")) {
                double proxy = bill.ways().get(Way.LAMBDA).own().stream()
                        .filter(i -> i.resource().type().equals("AWS::RDS::DBProxy")).mapToDouble(DeploymentBill.Item::usd).sum();
                // $0.015 per vCPU-hour, the 2 vCPUs of db.t4g.micro, 730 hours
                assertEquals(21.90, proxy, 0.005, "Lambda's bill carries its RDS Proxy: " + context);
            }
        }
    }

    @Test
    void theInventoryTheHarnessPricesIsTheAppAsSynthesizedNow() throws IOException {
        String now = Inventory.read(synth(Map.of("runtimes", ALL))).toTsv();
        if (Boolean.getBoolean("inventory.write")) {
            Files.writeString(DEPLOYED_HERE, now, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(DEPLOYED_HERE), "no " + DEPLOYED_HERE);
        assertEquals(Files.readString(DEPLOYED_HERE, StandardCharsets.UTF_8), now,
                "the stacks changed since the benchmark's inventory was written: write it anew with "
                        + "`./mvnw -o -q -pl infra-cdk test -Dtest=EveryResourcePricedTest -Dinventory.write=true` "
                        + "and commit " + DEPLOYED_HERE);
    }
}
