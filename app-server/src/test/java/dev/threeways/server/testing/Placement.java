package dev.threeways.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Where each process of a run gets its CPU: every measured process (a server, a Lambda environment, a
 * floor) gets the vCPU its way is deployed with, on CPUs the load generator does not use. The harness —
 * load generator, embedded ElasticMQ — and the local PostgreSQL, which on AWS would be machines of their
 * own, stay on the other CPUs.
 *
 * <p>Three ways to do it, the best this machine allows: as root with cgroup v1's {@code cpu} controller
 * or cgroup v2's {@code cpu.max}, a CPU quota (a 0.5-vCPU task gets half of one CPU's time, as Fargate's
 * CFS quota gives it) plus {@code taskset} to the measured CPUs; without root, {@code taskset} alone with
 * {@code -XX:ActiveProcessorCount} (the JVM sizes itself as deployed, but a fraction of a CPU cannot be
 * given); on a machine with one CPU, or without {@code taskset}, nothing — and the report says which.
 * A JVM outside a container sizes itself by the CPUs it may run on (here, the one CPU a 0.5- or 1-vCPU
 * task also gets), so it picks the collector and thread counts it picks on the platform, and the quota
 * bounds the CPU time it then gets.
 */
public final class Placement implements AutoCloseable {
    /** How the CPU is split. */
    public enum Mode {
        /** cgroup v1 {@code cpu.cfs_quota_us} and {@code taskset}. */
        CGROUP_V1,
        /** cgroup v2 {@code cpu.max} and {@code taskset}. */
        CGROUP_V2,
        /** {@code taskset} and {@code -XX:ActiveProcessorCount}: whole CPUs only. */
        TASKSET,
        /** Nothing: every process shares every CPU. */
        NONE
    }

    /** The scheduler's period the quotas are a share of (the kernel's default). */
    static final long PERIOD_US = 100_000;
    /** How long {@link #close} waits for the processes of its groups to end before it leaves the groups behind. */
    static final Duration GROUP_REMOVAL_WAIT = Duration.ofSeconds(2);
    static final Path CGROUP_V1_CPU = Path.of("/sys/fs/cgroup/cpu");
    static final Path CGROUP_V2 = Path.of("/sys/fs/cgroup");

    /**
     * What the machine offers, read once; a plan is made from it alone so it can be tested anywhere.
     *
     * @param cpus          CPUs this process may use
     * @param cgroupRoot    a writable cgroup directory to make quota groups under, or null
     * @param cgroupV2      whether that directory is cgroup v2's (cpu.max) rather than v1's (cpu.cfs_quota_us)
     * @param hasTaskset    whether {@code taskset} runs
     */
    public record Machine(List<Integer> cpus, Path cgroupRoot, boolean cgroupV2, boolean hasTaskset) {
        public Machine {
            cpus = List.copyOf(cpus);
        }
    }

    /**
     * The split: which CPUs the measured processes get, which the harness and the database keep.
     *
     * @param mode      how quotas are applied
     * @param measured  the CPUs a measured process may run on
     * @param generator the CPUs of the load generator, ElasticMQ and PostgreSQL
     */
    public record Plan(Mode mode, List<Integer> measured, List<Integer> generator, Path cgroupRoot) {
        public Plan {
            measured = List.copyOf(measured);
            generator = List.copyOf(generator);
        }

        /** The measured side gets the last CPU(s) and the generator the first, half and half, the measured side rounded down. */
        public static Plan of(Machine machine) {
            List<Integer> cpus = machine.cpus();
            if (cpus.size() < 2 || !machine.hasTaskset()) {
                return new Plan(Mode.NONE, cpus, cpus, null);
            }
            int measuredCount = cpus.size() / 2;
            var generator = cpus.subList(0, cpus.size() - measuredCount);
            var measured = cpus.subList(cpus.size() - measuredCount, cpus.size());
            if (machine.cgroupRoot() != null) {
                return new Plan(machine.cgroupV2() ? Mode.CGROUP_V2 : Mode.CGROUP_V1, measured, generator, machine.cgroupRoot());
            }
            return new Plan(Mode.TASKSET, measured, generator, null);
        }

        /** The CPU time a process deployed with {@code vcpu} gets here: its vCPU, at most the measured CPUs. */
        public double cpuFor(double vcpu) {
            return Math.min(vcpu, measured.size());
        }

        /** The processors the JVM should see: a quota's CPUs rounded up, as the JVM rounds a container's quota. */
        public int processorsFor(double vcpu) {
            return (int) Math.ceil(cpuFor(vcpu) - 1e-9);
        }

        /** The quota, in microseconds of each {@link #PERIOD_US}. */
        public long quotaUs(double vcpu) {
            return Math.round(cpuFor(vcpu) * PERIOD_US);
        }

        /** In words, for the report. */
        public String describe() {
            return switch (mode) {
                case CGROUP_V1, CGROUP_V2 -> "each measured process in a CPU quota of its deployed vCPU (cgroup "
                        + (mode == Mode.CGROUP_V1 ? "v1 cpu.cfs_quota_us" : "v2 cpu.max") + " over a " + PERIOD_US / 1000
                        + " ms period) on CPU " + cpuList(measured) + "; the load generator, ElasticMQ and PostgreSQL on CPU "
                        + cpuList(generator);
                case TASKSET -> "each measured process on CPU " + cpuList(measured)
                        + " (taskset, whole CPUs: a fraction of a vCPU cannot be given without a cgroup; the JVM told its deployed"
                        + " processor count with -XX:ActiveProcessorCount); the load generator, ElasticMQ and PostgreSQL on CPU "
                        + cpuList(generator);
                case NONE -> "no placement (" + (measured.size() < 2 ? "one CPU" : "no taskset")
                        + "): every process, the load generator's included, shares CPU " + cpuList(measured);
            };
        }
    }

    /**
     * One kind of measured process's place: its quota and CPUs. Each process started through {@link #wrap} or
     * {@link #launcher} gets a cgroup of its own with the slot's quota (five Lambda environments get five
     * quotas, as on Lambda), entered before the JVM's first instruction so the JVM sizes itself in it.
     */
    public final class Slot {
        private final String name;
        private final double vcpu;
        private final double initVcpu;

        private Slot(String name, double vcpu, double initVcpu) {
            this.name = name;
            this.vcpu = vcpu;
            this.initVcpu = initVcpu;
        }

        /**
         * This slot with {@code initVcpu} until {@link #afterInit} is called for a process: Lambda runs an on-demand
         * init on a full, unthrottled vCPU, and each invoke on the memory's share (a provisioned-concurrency init
         * gets no such burst).
         */
        public Slot withInitBurst(double initVcpu) {
            return new Slot(name + "-burst", vcpu, initVcpu);
        }

        /** Moves {@code pid}, started in this slot, from its init's quota to the slot's own. */
        public void afterInit(long pid) {
            if (initVcpu == vcpu || (plan.mode() != Mode.CGROUP_V1 && plan.mode() != Mode.CGROUP_V2)) {
                return;
            }
            Path group = plan.cgroupRoot().resolve(name + "-" + pid);
            try {
                if (plan.mode() == Mode.CGROUP_V1) {
                    Files.writeString(group.resolve("cpu.cfs_quota_us"), String.valueOf(plan.quotaUs(vcpu)));
                } else {
                    Files.writeString(group.resolve("cpu.max"), plan.quotaUs(vcpu) + " " + PERIOD_US);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set the quota of " + group + " after its init", e);
            }
        }

        public String name() {
            return name;
        }

        /** The vCPU the way is deployed with. */
        public double vcpu() {
            return vcpu;
        }

        /** {@code command} started inside this slot (with the init's quota, where it has one of its own). */
        public List<String> wrap(List<String> command) {
            return Placement.wrap(plan, name, initVcpu, command);
        }

        /**
         * An executable that starts {@code executable} inside this slot with the arguments it is given: for a
         * launcher that takes a path to {@code java} (lambda-local's runtime JVMs).
         */
        public Path launcher(Path executable) {
            List<String> wrapped = wrap(List.of(executable.toString()));
            String script = "#!/bin/sh\n# three-ways-bench: starts " + executable + " in slot " + name + "\n"
                    + switch (plan.mode()) {
                        case NONE -> "exec " + shellQuote(executable.toString()) + " \"$@\"\n";
                        case TASKSET -> "exec " + String.join(" ", wrapped.stream().map(Placement::shellQuote).toList()) + " \"$@\"\n";
                        case CGROUP_V1, CGROUP_V2 -> enter(plan, name, initVcpu) + "\nexec " + tasksetPrefix(plan) + " "
                                + shellQuote(executable.toString()) + " \"$@\"\n";
                    };
            try {
                Path file = Files.createTempFile(scripts, name.replaceAll("[^A-Za-z0-9_-]", "-"), ".sh",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.writeString(file, script);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the launcher of slot " + name, e);
            }
        }

        /** The CPU a process in this slot gets here: its quota, the whole CPUs taskset gives, or all of them. */
        public double cpuGiven() {
            return switch (plan.mode()) {
                case CGROUP_V1, CGROUP_V2 -> plan.cpuFor(vcpu);
                case TASKSET -> plan.processorsFor(vcpu);
                case NONE -> plan.measured().size();
            };
        }

        /**
         * Platform threads that each move themselves into this slot as they start: a ceiling run inside the
         * harness gets the CPU of the way it stands beside, not the load generator's and the database's. Threads
         * made for the same {@code group} share one quota (one process's worth), as a process's threads do.
         */
        public java.util.concurrent.ThreadFactory threads(String group) {
            var platform = Thread.ofPlatform().daemon(true).name(name + "-" + group + "-", 0).factory();
            return task -> platform.newThread(() -> {
                enterCurrentThread(group);
                task.run();
            });
        }

        /** Moves the calling platform thread into this slot: its group's quota (cgroup v1) and the measured CPUs. */
        public void enterCurrentThread(String group) {
            if (plan.mode() == Mode.NONE) {
                return;
            }
            String tid;
            try {
                // "<pid>/task/<tid>": Linux names the calling thread here, which Java does not expose
                tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            } catch (IOException | UnsupportedOperationException e) {
                throw new IllegalStateException("cannot name this thread to the kernel (/proc/thread-self)", e);
            }
            if (plan.mode() == Mode.CGROUP_V1) {
                Path dir = plan.cgroupRoot().resolve(name + "-" + group.replaceAll("[^A-Za-z0-9_-]", "-"));
                try {
                    synchronized (Placement.this) {
                        if (!Files.isDirectory(dir)) {
                            Files.createDirectories(dir);
                            Files.writeString(dir.resolve("cpu.cfs_period_us"), String.valueOf(PERIOD_US));
                            Files.writeString(dir.resolve("cpu.cfs_quota_us"), String.valueOf(plan.quotaUs(vcpu)));
                        }
                    }
                    Files.writeString(dir.resolve("tasks"), tid);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot move thread " + tid + " into " + dir, e);
                }
            }
            if (run(List.of("taskset", "-p", "-c", cpuList(plan.measured()), tid)).isEmpty()) {
                throw new IllegalStateException("taskset could not move thread " + tid + " to CPU " + cpuList(plan.measured()));
            }
        }

        /** In words, for the report: what this process got. */
        public String describe() {
            String share = String.format(Locale.ROOT, "%.2f", plan.cpuFor(vcpu));
            String init = initVcpu == vcpu ? "" : String.format(Locale.ROOT, " (%.2f during init)", plan.cpuFor(initVcpu));
            return switch (plan.mode()) {
                case CGROUP_V1, CGROUP_V2 -> share + " CPU quota" + init + " on CPU " + cpuList(plan.measured())
                        + (plan.mode() == Mode.CGROUP_V1 ? " (cgroup v1)" : " (cgroup v2)");
                case TASKSET -> plan.processorsFor(vcpu) + " whole CPU (taskset CPU " + cpuList(plan.measured())
                        + ", -XX:ActiveProcessorCount; deployed " + share + " vCPU)";
                case NONE -> "all " + plan.measured().size() + " CPUs, shared (no placement)";
            };
        }
    }

    private final Plan plan;
    private final Path scripts;
    private final List<Long> pinned = new ArrayList<>();

    Placement(Plan plan) {
        this.plan = plan;
        try {
            this.scripts = Files.createTempDirectory("three-ways-placement");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The best placement this machine allows. */
    public static Placement detect() {
        return new Placement(Plan.of(machine()));
    }

    public Plan plan() {
        return plan;
    }

    static Machine machine() {
        var cpus = affinity(ProcessHandle.current().pid()).orElseGet(() ->
                IntStream.range(0, Runtime.getRuntime().availableProcessors()).boxed().toList());
        boolean taskset = run(List.of("taskset", "-p", String.valueOf(ProcessHandle.current().pid()))).isPresent();
        Path root = null;
        boolean v2 = false;
        String group = "three-ways-bench-" + ProcessHandle.current().pid();
        if (Files.isWritable(CGROUP_V1_CPU.resolve("cgroup.procs")) && Files.exists(CGROUP_V1_CPU.resolve("cpu.cfs_quota_us"))) {
            root = CGROUP_V1_CPU.resolve(group);
        } else if (Files.isWritable(CGROUP_V2.resolve("cgroup.procs")) && Files.exists(CGROUP_V2.resolve("cgroup.controllers"))) {
            try {
                if (Files.readString(CGROUP_V2.resolve("cgroup.controllers")).contains("cpu")) {
                    root = CGROUP_V2.resolve(group);
                    v2 = true;
                }
            } catch (IOException e) {
                // not usable: fall back to taskset
            }
        }
        if (root != null) {
            removeGroupsOfEndedRuns(root.getParent());
            try {
                Files.createDirectories(root);
                if (v2) {
                    Files.writeString(root.resolve("cgroup.subtree_control"), "+cpu");
                }
            } catch (IOException e) {
                root = null; // a read-only or delegated hierarchy: taskset only
            }
        }
        return new Machine(cpus, root, v2, taskset);
    }

    /** A run that was killed leaves its groups behind; those whose run has ended and that hold no process go. */
    private static void removeGroupsOfEndedRuns(Path hierarchy) {
        try (var runs = Files.list(hierarchy)) {
            for (Path run : runs.filter(p -> p.getFileName().toString().startsWith("three-ways-bench-")).toList()) {
                String pid = run.getFileName().toString().substring("three-ways-bench-".length());
                if (pid.chars().allMatch(Character::isDigit) && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    try (var groups = Files.list(run)) {
                        for (Path group : groups.filter(Files::isDirectory).toList()) {
                            deleteQuietly(group); // refused while a process is in it: then it stays
                        }
                    }
                    deleteQuietly(run);
                }
            }
        } catch (IOException e) {
            // a group with a process still in it stays, and says so in the next run's cgroup listing
        }
    }

    private static void deleteQuietly(Path group) {
        try {
            Files.deleteIfExists(group);
        } catch (IOException e) {
            // busy: a process is still in it
        }
    }

    /** A slot for processes deployed with {@code vcpu}; {@code name} names their cgroups. */
    public Slot slot(String name, double vcpu) {
        if (!(vcpu > 0)) {
            throw new IllegalArgumentException("a slot needs a positive vCPU: " + vcpu);
        }
        return new Slot(name.replaceAll("[^A-Za-z0-9_-]", "-"), vcpu, vcpu);
    }

    /** {@code command} started in a slot of {@code vcpu}, as the plan places it. */
    static List<String> wrap(Plan plan, String slot, double vcpu, List<String> command) {
        var out = new ArrayList<String>();
        switch (plan.mode()) {
            case NONE -> out.addAll(command);
            case TASKSET -> {
                out.addAll(List.of("taskset", "-c", cpuList(plan.measured())));
                out.add(command.getFirst());
                if (isJava(command.getFirst())) {
                    out.add("-XX:ActiveProcessorCount=" + plan.processorsFor(vcpu));
                }
                out.addAll(command.subList(1, command.size()));
            }
            case CGROUP_V1, CGROUP_V2 -> {
                // the shell makes its group, enters it, then becomes the command: the JVM is in its quota from its start
                out.addAll(List.of("/bin/sh", "-c", enter(plan, slot, vcpu) + " && exec " + tasksetPrefix(plan) + " \"$@\"",
                        "placed"));
                out.addAll(command);
            }
        }
        return out;
    }

    /** Shell that makes a cgroup for this shell's process ($$) with the slot's quota and moves the shell into it. */
    static String enter(Plan plan, String slot, double vcpu) {
        String group = shellQuote(plan.cgroupRoot().resolve(slot).toString()) + "-$$";
        String quota = plan.mode() == Mode.CGROUP_V1
                ? "echo " + PERIOD_US + " > \"$g/cpu.cfs_period_us\" && echo " + plan.quotaUs(vcpu) + " > \"$g/cpu.cfs_quota_us\""
                : "echo '" + plan.quotaUs(vcpu) + " " + PERIOD_US + "' > \"$g/cpu.max\"";
        return "g=" + group + " && mkdir \"$g\" && " + quota + " && echo $$ > \"$g/cgroup.procs\"";
    }

    private static boolean isJava(String executable) {
        return Path.of(executable).getFileName().toString().equals("java");
    }

    private static String tasksetPrefix(Plan plan) {
        return "taskset -c " + cpuList(plan.measured());
    }

    /**
     * Moves this JVM (the load generator and ElasticMQ) to the generator's CPUs; threads started later inherit it.
     * Undone by {@link #close}.
     */
    public void pinHarness() {
        if (plan.mode() != Mode.NONE) {
            pin(ProcessHandle.current().pid(), plan.generator());
        }
    }

    /** What runs a load generator of its own (wrk) on the generator's CPUs: a command prefix, empty without placement. */
    public List<String> onGenerator() {
        return plan.mode() == Mode.NONE ? List.of() : List.of("taskset", "-c", cpuList(plan.generator()));
    }

    /**
     * Moves the local PostgreSQL server (its postmaster and every backend; new backends inherit the
     * postmaster's CPUs) to the generator's CPUs: on AWS the database is a machine of its own, not a
     * share of the measured one. {@code backendPid} is {@code pg_backend_pid()} of a connection to it; a
     * server on another host (no such process here) is left alone.
     *
     * @return whether it was moved
     */
    public boolean pinDatabase(long backendPid) {
        if (plan.mode() == Mode.NONE) {
            return false;
        }
        Optional<Long> postmaster = parent(backendPid);
        if (postmaster.isEmpty() || !command(postmaster.get()).contains("postgres")) {
            return false;
        }
        pin(postmaster.get(), plan.generator());
        ProcessHandle.of(postmaster.get()).ifPresent(p -> p.children().forEach(child -> pin(child.pid(), plan.generator())));
        return true;
    }

    private void pin(long pid, List<Integer> cpus) {
        if (run(List.of("taskset", "-a", "-p", "-c", cpuList(cpus), String.valueOf(pid))).isPresent()) {
            pinned.add(pid);
        }
    }

    static Optional<Long> parent(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(rest[1]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String command(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElse("");
    }

    /** The CPUs {@code pid} may run on, from {@code /proc/PID/status}. */
    static Optional<List<Integer>> affinity(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return Optional.of(parseCpuList(line.substring(line.indexOf(':') + 1).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no affinity to read
        }
        return Optional.empty();
    }

    /** "0-2,5" as [0, 1, 2, 5]. */
    static List<Integer> parseCpuList(String list) {
        var cpus = new ArrayList<Integer>();
        for (String part : list.split(",")) {
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int c = from; c <= to; c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }

    static String cpuList(List<Integer> cpus) {
        return String.join(",", cpus.stream().map(String::valueOf).toList());
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Removes {@code root} and its groups, waiting up to {@code wait} for processes still in them to end: a
     * process that was just sent SIGKILL stays in its group until the kernel has reaped it. Threads of this JVM
     * still in a group (a ceiling's thread starts helpers, a JDBC driver's cleaner say, and they inherit its group)
     * are moved back to the hierarchy's root first: they would hold the group for as long as they live.
     *
     * @return whether everything was removed
     */
    static boolean removeGroups(Path root, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                if (Files.isDirectory(root)) {
                    try (var groups = Files.list(root)) {
                        for (Path group : groups.filter(Files::isDirectory).toList()) {
                            releaseOwnThreads(group, root.getParent());
                            Files.deleteIfExists(group);
                        }
                    }
                    Files.deleteIfExists(root);
                }
                return true;
            } catch (IOException e) {
                // a process still in a group: the kernel refuses to remove it until the process has ended
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** Moves this JVM's threads in {@code group} to {@code hierarchy}'s root group (v1: {@code tasks}; v2: {@code cgroup.threads}). */
    private static void releaseOwnThreads(Path group, Path hierarchy) {
        Path own = Path.of("/proc", String.valueOf(ProcessHandle.current().pid()), "task");
        for (String file : List.of("tasks", "cgroup.threads")) {
            Path from = group.resolve(file);
            Path to = hierarchy.resolve(file);
            if (!Files.exists(from) || !Files.exists(to)) {
                continue;
            }
            try {
                for (String tid : Files.readAllLines(from)) {
                    if (!tid.isBlank() && Files.exists(own.resolve(tid.trim()))) {
                        Files.writeString(to, tid.trim());
                    }
                }
            } catch (IOException e) {
                // a thread that ended meanwhile: nothing to move
            }
            return;
        }
    }

    /** Runs {@code command}; its output, or empty when it could not run, failed or took over 30 s. */
    public static Optional<String> run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Gives the harness and the database every CPU back, and removes the groups (their processes have ended). */
    @Override
    public void close() {
        var all = new ArrayList<Integer>(plan.generator());
        plan.measured().stream().filter(c -> !all.contains(c)).forEach(all::add);
        for (long pid : pinned) {
            run(List.of("taskset", "-a", "-p", "-c", cpuList(all), String.valueOf(pid)));
            if (ProcessHandle.of(pid).isPresent() && command(pid).contains("postgres")) {
                ProcessHandle.of(pid).ifPresent(p -> p.children().forEach(child ->
                        run(List.of("taskset", "-a", "-p", "-c", cpuList(all), String.valueOf(child.pid())))));
            }
        }
        if (plan.cgroupRoot() != null) {
            removeGroups(plan.cgroupRoot(), GROUP_REMOVAL_WAIT);
        }
        try (var files = Files.list(scripts)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(scripts);
        } catch (IOException e) {
            // temporary files: the OS cleans them
        }
    }
}
