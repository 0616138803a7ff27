package dev.threeways.advisor.bill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import dev.threeways.advisor.price.PriceBook;
import dev.threeways.advisor.price.Region;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentBillTest {
    static final double CENT = 0.005;
    static final PriceBook BOOK = PriceBook.current();

    static DeploymentBill bill(Inventory inventory, Demand.Path path, double volume) {
        Demand demand = Demands.of(inventory, BOOK, Region.US_EAST_1, TrafficProfile.STEADY, volume, path,
                Demands.Figures.uniform(20));
        return DeploymentBill.of(inventory, BOOK, BOOK.in(Region.US_EAST_1), demand);
    }

    static DeploymentBill.Item item(DeploymentBill bill, String type) {
        return bill.items().stream().filter(i -> i.resource().type().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void everyResourceTheStacksDeployIsListedWithItsRuleAndTheSharedOnesAreInEveryWaysBill() {
        Inventory deployed = Inventory.deployedHere();
        DeploymentBill bill = bill(deployed, Demand.Path.HELLO, 1e7);
        assertEquals(deployed.resources().size(), bill.items().size());
        assertEquals(List.of(Way.LAMBDA, Way.APP_RUNNER, Way.ECS_EXPRESS_MODE, Way.FARGATE), List.copyOf(bill.ways().keySet()));
        // RDS Proxy: in the data stack, but Lambda's: $0.015 a vCPU-hour × the 2 vCPUs of db.t4g.micro × 730 h
        DeploymentBill.Item proxy = item(bill, "AWS::RDS::DBProxy");
        assertEquals(Way.LAMBDA, proxy.resource().way());
        assertEquals(0.015 * 2 * 730, proxy.usd(), 1e-9);
        assertTrue(bill.ways().get(Way.LAMBDA).own().contains(proxy));
        assertTrue(bill.ways().get(Way.FARGATE).own().stream().noneMatch(i -> i == proxy));
        // the database: db.t4g.micro all month and 20 GB of gp2
        assertEquals(0.016 * 730 + 0.115 * 20, item(bill, "AWS::RDS::DBInstance").usd(), 1e-9);
        // the NAT instance: t4g.nano, its 8 GB root volume, its public IPv4 address
        assertEquals(0.0042 * 730 + 0.08 * 8 + 0.005 * 730, item(bill, "AWS::EC2::Instance").usd(), 1e-9);
        // the Fargate ALB's two public addresses; Express Mode's load balancer, which ECS creates, the same
        assertEquals(2 * 0.005 * 730, item(bill, "AWS::ElasticLoadBalancingV2::LoadBalancer").usd(), 1e-9);
        assertEquals(2 * 0.005 * 730, item(bill, "AWS::ECS::ExpressGatewayService").usd(), 1e-9);
        double shared = bill.items().stream().filter(i -> i.resource().shared()).mapToDouble(DeploymentBill.Item::usd).sum();
        for (DeploymentBill.WayBill w : bill.ways().values()) {
            assertEquals(shared, w.sharedUsd(), 1e-9, w.way().label());
            assertEquals(w.computeUsd() + w.usageUsd() + w.ownUsd() + w.sharedUsd(), w.total(), 1e-9);
        }
        // deployed together, the shared resources are paid once
        assertEquals(shared + bill.ways().values().stream().mapToDouble(w -> w.total() - w.sharedUsd()).sum(), bill.together(), 1e-9);
        // what cannot be priced here says why, and nothing else is unpriced
        assertEquals(List.of("AWS::ECS::Cluster", "AWS::EC2::FlowLog"),
                bill.unpriced().stream().map(i -> i.resource().type()).sorted(java.util.Comparator.reverseOrder()).toList());
        bill.unpriced().forEach(i -> assertTrue(i.unpriced().length() > 40, i.unpriced()));
    }

    @Test
    void aResourceTypeWithNoRuleIsAnErrorThatNamesIt() {
        var resources = new ArrayList<>(Inventory.deployedHere().resources());
        resources.add(new Resource("ThreeWays-Data", "Cache", "AWS::ElastiCache::CacheCluster", null, Map.of()));
        var e = assertThrows(IllegalArgumentException.class,
                () -> bill(new Inventory("us-east-1", resources), Demand.Path.HELLO, 1e6));
        assertTrue(e.getMessage().contains("AWS::ElastiCache::CacheCluster") && e.getMessage().contains("ThreeWays-Data/Cache"),
                e.getMessage());
    }

    @Test
    void aPriceTheBookLacksLeavesTheResourceUnpricedSayingWhichNeverAGuess() {
        var resources = new ArrayList<Resource>();
        for (Resource r : Inventory.deployedHere().resources()) {
            resources.add(r.type().equals("AWS::RDS::DBInstance")
                    ? new Resource(r.stack(), r.id(), r.type(), null, Map.of("class", "db.r6g.large", "engine", "postgres",
                            "storageGb", "20", "storageType", "gp2", "multiAz", "false"))
                    : r);
        }
        DeploymentBill bill = bill(new Inventory("us-east-1", resources), Demand.Path.HELLO, 1e6);
        DeploymentBill.Item db = item(bill, "AWS::RDS::DBInstance");
        assertEquals(0, db.usd());
        assertTrue(db.unpriced().contains("rds.postgres.db.r6g.large"), db.unpriced());
        // the proxy bills by its target's vCPUs, which are not known for that class: unpriced too, saying so
        assertTrue(item(bill, "AWS::RDS::DBProxy").unpriced().contains("db.r6g.large"), item(bill, "AWS::RDS::DBProxy").unpriced());
    }

    @Test
    void theWebhookPathAddsTheQueueFunctionAndSqsRequestsToTheQueuedWaysOnly() {
        Inventory deployed = Inventory.deployedHere();
        DeploymentBill hello = bill(deployed, Demand.Path.HELLO, 1e6);
        DeploymentBill webhooks = bill(deployed, Demand.Path.WEBHOOK, 1e6);
        double sqsHello = sqs(hello.ways().get(Way.LAMBDA));
        double sqsWebhooks = sqs(webhooks.ways().get(Way.LAMBDA));
        // five idle long-pollers all month: 5 × 730 h × 180 polls an hour, $0.40 a million
        assertEquals(5 * 730 * 180 * 0.40 / 1e6, sqsHello, 1e-9);
        assertEquals(sqsHello + 3e6 * 0.40 / 1e6, sqsWebhooks, 1e-9);
        assertEquals(0, sqs(webhooks.ways().get(Way.APP_RUNNER)));
        assertEquals(0, sqs(webhooks.ways().get(Way.ECS_EXPRESS_MODE)));
        assertTrue(sqs(webhooks.ways().get(Way.FARGATE)) > 3e6 * 0.40 / 1e6);
        assertTrue(webhooks.ways().get(Way.LAMBDA).compute().stream().anyMatch(l -> l.item().startsWith("Queue function: ")));
        assertTrue(hello.ways().get(Way.LAMBDA).compute().stream().noneMatch(l -> l.item().startsWith("Queue function: ")));
    }

    private static double sqs(DeploymentBill.WayBill w) {
        return w.usage().stream().filter(l -> l.key().equals("sqs.standard-requests")).mapToDouble(l -> l.usd()).sum();
    }

    @Test
    void anInventoryIsKeptAsTextWithoutTheDigestEveryBuildChanges() {
        Inventory deployed = Inventory.deployedHere();
        assertEquals(deployed.toTsv(), Inventory.parse(deployed.toTsv()).toTsv());
        assertEquals("us-east-1", deployed.region());
        assertEquals("HttpFunctionCurrentVersion7948E6DA",
                Inventory.stableId("HttpFunctionCurrentVersion7948E6DAcb152923a4c3c38d2da7bf54f30486ba"));
        assertEquals("Postgres9DC8BB04", Inventory.stableId("Postgres9DC8BB04"));
    }

    @Test
    void aCloudAssemblyIsReadTemplateByTemplateWithItsRegionFromTheManifest(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("manifest.json"), """
                {"artifacts": {"ThreeWays-Data": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/eu-west-1"}}}""");
        Files.writeString(dir.resolve("ThreeWays-Data.template.json"), """
                {"Resources": {
                  "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBInstanceClass": "db.t4g.micro", "Engine": "postgres", "AllocatedStorage": "20"}},
                  "Proxy": {"Type": "AWS::RDS::DBProxy", "Properties": {"EngineFamily": "POSTGRESQL"}},
                  "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": {"Ref": "AWS::StackName"}}}}}""");
        Inventory inventory = Inventory.read(dir);
        assertEquals("eu-west-1", inventory.region());
        assertEquals(3, inventory.resources().size());
        Resource db = inventory.find("ThreeWays-Data", "Db").orElseThrow();
        assertNull(db.way());
        assertEquals(Map.of("class", "db.t4g.micro", "engine", "postgres", "storageGb", "20", "storageType", "gp2",
                "multiAz", "false"), db.facts());
        assertEquals(Way.LAMBDA, inventory.find("ThreeWays-Data", "Proxy").orElseThrow().way());

        Files.writeString(dir.resolve("Other-Stack.template.json"), "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}");
        var e = assertThrows(IllegalArgumentException.class, () -> Inventory.read(dir));
        assertTrue(e.getMessage().contains("Other-Stack"), e.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> Inventory.read(dir.resolve("missing")));
        assertTrue(none.getMessage().contains("cdk synth"), none.getMessage());
    }
}
