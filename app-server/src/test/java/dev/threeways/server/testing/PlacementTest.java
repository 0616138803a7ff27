package dev.threeways.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The plan is checked anywhere; the real placement where this runs as root on Linux with cgroups. */
class PlacementTest {
    private static final Path ROOT = Path.of("/sys/fs/cgroup/cpu/three-ways-bench-test");

    @Test
    void twoCpusAsRootGiveTheLastToTheMeasuredAndQuotasAsDeployed() {
        var plan = Placement.Plan.of(new Placement.Machine(List.of(0, 1), ROOT, false, true));
        assertEquals(Placement.Mode.CGROUP_V1, plan.mode());
        assertEquals(List.of(1), plan.measured());
        assertEquals(List.of(0), plan.generator());
        // Fargate's 512 CPU units, a 1024 MB function (1,769 MB is one vCPU), App Runner's 1 vCPU
        assertEquals(50_000, plan.quotaUs(0.5));
        assertEquals(57_886, plan.quotaUs(1024 / 1769.0));
        assertEquals(100_000, plan.quotaUs(1));
        // more than the measured side has is capped, and the JVM sees whole CPUs
        assertEquals(100_000, plan.quotaUs(2));
        assertEquals(1, plan.processorsFor(0.5));
        assertEquals(1, plan.processorsFor(1));
    }

    @Test
    void withoutCgroupsTasksetAloneAndTheJvmToldItsProcessors() {
        var plan = Placement.Plan.of(new Placement.Machine(List.of(0, 1, 2, 3), null, false, true));
        assertEquals(Placement.Mode.TASKSET, plan.mode());
        assertEquals(List.of(2, 3), plan.measured());
        assertEquals(List.of(0, 1), plan.generator());
        var command = Placement.wrap(plan, "fargate", 0.5, List.of("/jdk/bin/java", "-jar", "app.jar"));
        assertEquals(List.of("taskset", "-c", "2,3", "/jdk/bin/java", "-XX:ActiveProcessorCount=1", "-jar", "app.jar"), command);
        assertEquals(List.of("taskset", "-c", "2,3", "/jdk/bin/java", "-XX:ActiveProcessorCount=2", "-jar", "app.jar"),
                Placement.wrap(plan, "big", 2, List.of("/jdk/bin/java", "-jar", "app.jar")));
        assertTrue(plan.describe().contains("taskset"), plan.describe());
    }

    @Test
    void oneCpuOrNoTasksetPlacesNothingAndSaysSo() {
        var one = Placement.Plan.of(new Placement.Machine(List.of(0), ROOT, false, true));
        assertEquals(Placement.Mode.NONE, one.mode());
        assertEquals(List.of("java", "-version"), Placement.wrap(one, "x", 1, List.of("java", "-version")));
        assertTrue(one.describe().contains("one CPU"), one.describe());
        var noTaskset = Placement.Plan.of(new Placement.Machine(List.of(0, 1), ROOT, false, false));
        assertEquals(Placement.Mode.NONE, noTaskset.mode());
    }

    @Test
    void aCgroupCommandEntersAGroupOfItsOwnBeforeTheJvmStarts() {
        var plan = Placement.Plan.of(new Placement.Machine(List.of(0, 1), ROOT, false, true));
        var command = Placement.wrap(plan, "lambda", 0.5, List.of("java", "-version"));
        assertEquals("/bin/sh", command.getFirst());
        String script = command.get(2);
        assertTrue(script.contains("'" + ROOT.resolve("lambda") + "'-$$"), script);
        assertTrue(script.contains("echo 50000 > \"$g/cpu.cfs_quota_us\""), script);
        assertTrue(script.endsWith("exec taskset -c 1 \"$@\""), script);
        assertEquals(List.of("java", "-version"), command.subList(4, command.size()));
    }

    /** Lambda's on-demand init runs on a full vCPU, each invoke on the memory's share: the quota moves at the end of init. */
    @Test
    void aBurstSlotStartsAtItsInitQuotaAndMovesToItsOwnAfterInit() throws Exception {
        try (Placement placement = Placement.detect()) {
            var slot = placement.slot("burst-test", 0.5).withInitBurst(1.0);
            if (placement.plan().mode() != Placement.Mode.CGROUP_V1) {
                slot.afterInit(ProcessHandle.current().pid()); // nothing to move without cgroups: must not fail
                assertTrue(slot.describe().length() > 0);
                return;
            }
            assertTrue(slot.describe().contains("1.00 during init"), slot.describe());
            Process p = new ProcessBuilder(slot.wrap(List.of("sleep", "5"))).start();
            try {
                Path quota = ROOT.getParent().resolve("three-ways-bench-" + ProcessHandle.current().pid())
                        .resolve("burst-test-burst-" + p.pid()).resolve("cpu.cfs_quota_us");
                for (int i = 0; i < 50 && !Files.exists(quota); i++) {
                    Thread.sleep(50);
                }
                assertEquals("100000", Files.readString(quota).trim(), "init: a full CPU");
                slot.afterInit(p.pid());
                assertEquals("50000", Files.readString(quota).trim(), "after init: the slot's own share");
            } finally {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** A ceiling run inside the harness: its threads move into the slot they stand for. */
    @Test
    void aSlotsThreadsRunInItsQuotaOnTheMeasuredCpu() throws Exception {
        try (Placement placement = Placement.detect()) {
            var slot = placement.slot("threads-test", 0.5);
            var seen = new java.util.concurrent.CompletableFuture<String>();
            Thread t = slot.threads("ceiling").newThread(() -> {
                try {
                    String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
                    seen.complete(Files.readString(Path.of("/proc", self, "status")) + "\n"
                            + Files.readString(Path.of("/proc", self, "cgroup")));
                } catch (Exception e) {
                    seen.completeExceptionally(e);
                }
            });
            t.start();
            String status = seen.get(10, TimeUnit.SECONDS);
            if (placement.plan().mode() == Placement.Mode.NONE) {
                return; // nothing placed: the thread ran, which is all there is to check
            }
            String allowed = status.lines().filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow();
            assertEquals(placement.plan().measured(), Placement.parseCpuList(allowed.substring(allowed.indexOf(':') + 1).trim()));
            if (placement.plan().mode() == Placement.Mode.CGROUP_V1) {
                assertTrue(status.contains("threads-test-ceiling"), status);
            }
        }
    }

    @Test
    void cpuListsReadAsTheKernelWritesThem() {
        assertEquals(List.of(0, 1, 2, 5), Placement.parseCpuList("0-2,5"));
        assertEquals("0,1", Placement.cpuList(List.of(0, 1)));
    }

    /** Where this machine allows it, a process started in a slot runs in its quota and on the measured CPU. */
    @Test
    void onThisMachineAProcessLandsInItsQuotaOnTheMeasuredCpu() throws Exception {
        try (Placement placement = Placement.detect()) {
            var plan = placement.plan();
            if (plan.mode() != Placement.Mode.CGROUP_V1) {
                // the plan tests above hold everywhere; this one checks the real thing where it exists
                assertTrue(plan.describe().length() > 0);
                return;
            }
            var slot = placement.slot("test-slot", 0.5);
            Process p = new ProcessBuilder(slot.wrap(List.of("sleep", "5"))).start();
            try {
                String cgroup = "";
                for (int i = 0; i < 50 && !cgroup.contains("test-slot"); i++) {
                    Thread.sleep(50);
                    cgroup = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cgroup"));
                }
                assertTrue(cgroup.contains("test-slot"), cgroup);
                String group = cgroup.lines().filter(l -> l.contains(":cpu:") || l.contains(":cpu,")).findFirst().orElseThrow();
                Path dir = Path.of("/sys/fs/cgroup/cpu" + group.substring(group.lastIndexOf(':') + 1));
                assertEquals("50000", Files.readString(dir.resolve("cpu.cfs_quota_us")).trim());
                assertEquals(plan.measured(), Placement.affinity(p.pid()).orElseThrow());
            } finally {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
