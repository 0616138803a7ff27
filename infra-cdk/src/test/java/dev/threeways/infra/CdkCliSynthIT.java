package dev.threeways.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code cdk synth} as a person runs it: the CDK CLI from npm, the committed cdk.json, no AWS
 * credentials in the environment — the whole app must synthesize offline.
 */
class CdkCliSynthIT {
    @Test
    void cdkSynthWorksOfflineThroughTheCliWithTheCommittedCdkJson() throws Exception {
        String version = System.getProperty("cdk-cli.version", "2.1148.1");
        Path out = Files.createTempDirectory("cdk-out");
        var builder = new ProcessBuilder("npx", "--yes", "aws-cdk@" + version, "synth", "--quiet", "--output", out.toString())
                .directory(Path.of(".").toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile());
        var env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("CDK_DEFAULT_"));
        Process synth = builder.start();
        assertTrue(synth.waitFor(8, TimeUnit.MINUTES), "cdk synth finished");
        String log = Files.readString(out.resolveSibling(out.getFileName() + ".log"));
        assertEquals(0, synth.exitValue(), log);
        for (String stack : List.of("ThreeWays-Network", "ThreeWays-Data", "ThreeWays-Lambda", "ThreeWays-ExpressMode",
                "ThreeWays-Fargate")) {
            assertTrue(Files.isRegularFile(out.resolve(stack + ".template.json")), stack + "\n" + log);
        }
        assertFalse(Files.exists(out.resolve("ThreeWays-AppRunner.template.json")), "App Runner is opt-in: " + log);
        assertFalse(log.contains("[Error at"), log);
    }
}
