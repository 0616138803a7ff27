package dev.threeways.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code advisor bill}: a synthesized assembly, resource by resource, as a user runs it. */
class BillCommandTest {
    static AdvisorMainTest.Run run(String... args) {
        return AdvisorMainTest.run(args);
    }

    /** A small assembly of the shape cdk synth writes: the data stack with its proxy, and the Lambda way's function. */
    static Path assembly(Path dir, String region) throws IOException {
        Files.writeString(dir.resolve("manifest.json"), """
                {"artifacts": {"ThreeWays-Data": {"environment": "aws://unknown-account/%s"},
                               "ThreeWays-Lambda": {"environment": "aws://unknown-account/%s"}}}""".formatted(region, region));
        Files.writeString(dir.resolve("ThreeWays-Data.template.json"), """
                {"Resources": {
                  "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBInstanceClass": "db.t4g.micro", "Engine": "postgres", "AllocatedStorage": "20"}},
                  "Proxy": {"Type": "AWS::RDS::DBProxy", "Properties": {"EngineFamily": "POSTGRESQL"}},
                  "Secret": {"Type": "AWS::SecretsManager::Secret"}}}""");
        Files.writeString(dir.resolve("ThreeWays-Lambda.template.json"), """
                {"Resources": {
                  "Http": {"Type": "AWS::Lambda::Function", "Properties": {"Handler": "dev.threeways.lambda.HttpApiStreamHandler::handleRequest",
                           "MemorySize": 1024, "Architectures": ["arm64"]}},
                  "Role": {"Type": "AWS::IAM::Role"}}}""");
        return dir;
    }

    @Test
    void everyResourceIsListedWithItsWayAndRuleAndLambdasBillCarriesItsProxy(@TempDir Path dir) throws IOException {
        var r = run("bill", "--assembly", assembly(dir, "us-east-1").toString(), "--profile", "mostly-idle");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("5 resources, priced in us-east-1"), r.out());
        assertTrue(r.out().contains("Lambda as deployed here"), r.out());
        assertTrue(r.out().contains("RDS Proxy for a provisioned instance"), r.out());
        assertTrue(r.out().contains("free: IAM has no charge"), r.out());
        assertTrue(r.out().contains("0 unpriced"), r.out());

        var json = run("bill", "--assembly", dir.toString(), "--json", "--path", "hello");
        assertEquals(0, json.exit(), json.err());
        JsonNode root = JsonMapper.builder().build().readTree(json.out());
        assertEquals(5, root.path("resources").size());
        for (JsonNode item : root.path("resources")) {
            assertTrue(!item.path("rule").asString("").isBlank(), item.toString());
        }
        JsonNode lambda = root.path("ways").path("Lambda");
        // the proxy's $21.90 and the database's $13.98 and the secret's $0.40 are in Lambda's whole month
        assertEquals(21.90, lambda.path("ownUsd").asDouble(), 0.005);
        assertEquals(13.98 + 0.40, lambda.path("sharedUsd").asDouble(), 0.005);
        assertEquals(lambda.path("computeUsd").asDouble() + lambda.path("usageUsd").asDouble() + lambda.path("ownUsd").asDouble()
                + lambda.path("sharedUsd").asDouble(), lambda.path("monthlyUsd").asDouble(), 1e-9);
        assertTrue(lambda.path("compute").path(0).has("rule") && lambda.path("compute").path(0).has("quantity"), lambda.toString());
    }

    @Test
    void anAssemblyInARegionTheBookDoesNotPriceSaysHowToPriceItAnyway(@TempDir Path dir) throws IOException {
        var r = run("bill", "--assembly", assembly(dir, "eu-west-1").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("eu-west-1") && r.err().contains("--region us-east-1"), r.err());
        assertEquals(0, run("bill", "--assembly", dir.toString(), "--region", "us-east-1").exit());
    }

    @Test
    void helpAndMissingInputAreAnsweredAsEveryCommandAnswersThem(@TempDir Path dir) {
        assertEquals(0, run("bill", "-h").exit());
        assertTrue(run("bill", "--help").out().contains("--assembly DIR"));
        var missing = run("bill");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--assembly"), missing.err());
        var notAssembly = run("bill", "--assembly", dir.toString());
        assertEquals(2, notAssembly.exit());
        assertTrue(notAssembly.err().contains("not a synthesized cloud assembly"), notAssembly.err());
        assertEquals(2, run("bill", "--assembly", dir.toString(), "--profile", "busy").exit());
    }
}
