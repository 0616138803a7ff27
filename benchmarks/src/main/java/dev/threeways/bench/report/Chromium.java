package dev.threeways.bench.report;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol, with nothing but the JDK's HTTP
 * client and WebSocket: loads a page, collects what the page complained about (console errors,
 * uncaught exceptions, failed loads), evaluates a DOM query and takes a full-page screenshot. It is how
 * a test proves the report really draws in a browser, not merely that the markup has the right words.
 *
 * <p>One instance is one browser process with one page; {@link #close} ends the whole process tree and
 * removes the throw-away profile, whatever state it is in.
 */
public final class Chromium implements AutoCloseable {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    public static final int SCREENSHOT_WIDTH = 1280;
    /** Chromium cannot paint a surface much taller than this in one capture. */
    public static final int MAX_SCREENSHOT_HEIGHT = 16_000;
    public static final String DEFAULT_EXECUTABLE = "/usr/bin/chromium";
    static final String INSTALL_HINT = "install Debian's chromium (apt-get install chromium); .ci/run installs it";

    /** The names of {@code figure.chart} elements whose SVG drew something, i.e. has a non-zero box. */
    public static final String RENDERED_CHARTS = """
            JSON.stringify(Array.from(document.querySelectorAll('figure.chart'))
              .filter(f => { const s = f.querySelector('svg'); return s !== null && s.getBBox().width > 0; })
              .map(f => f.getAttribute('data-chart')))""";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final int STDERR_TAIL = 40;

    /** @param consoleErrors console errors, uncaught exceptions and error log entries, in arrival order */
    public record Rendered(List<String> charts, List<String> consoleErrors, Path screenshot) {
        public Rendered {
            charts = List.copyOf(charts);
            consoleErrors = List.copyOf(consoleErrors);
        }
    }

    private final Process process;
    private final Path profile;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(COMMAND_TIMEOUT).build();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();
    private WebSocket socket;

    private Chromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /** Loads {@code html}, finds the charts that drew, screenshots the whole page into {@code screenshot}. */
    public static Rendered render(Path html, Path screenshot) {
        return render(html, screenshot, MAX_SCREENSHOT_HEIGHT);
    }

    /** As {@link #render(Path, Path)}, the screenshot cut at {@code maxHeight} CSS pixels from the top. */
    public static Rendered render(Path html, Path screenshot, int maxHeight) {
        try (Chromium browser = launch()) {
            browser.navigate(html.toAbsolutePath().toUri());
            List<String> charts = new ArrayList<>();
            JsonNode names = MAPPER.readTree(text(browser.evaluate(RENDERED_CHARTS)));
            for (JsonNode name : names) {
                charts.add(text(name));
            }
            browser.screenshot(screenshot, maxHeight);
            return new Rendered(charts, browser.errors(), screenshot);
        }
    }

    /** The browser to run: {@code $CHROMIUM} if set, else Debian's. */
    public static Path executable() {
        return executable(System.getenv("CHROMIUM"));
    }

    static Path executable(String configured) {
        Path path = Path.of(configured == null || configured.isBlank() ? DEFAULT_EXECUTABLE : configured);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("no Chromium at " + path + ": " + INSTALL_HINT);
        }
        return path;
    }

    /** Starts a headless browser on a fresh profile and attaches to its page. */
    public static Chromium launch() {
        Path exe = executable();
        Path profile;
        try {
            profile = Files.createTempDirectory("three-ways-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a Chromium profile directory", e);
        }
        Process process;
        try {
            process = new ProcessBuilder(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--remote-debugging-port=0", "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            deleteQuietly(profile);
            throw new IllegalStateException("could not start " + exe + ": " + INSTALL_HINT, e);
        }
        Chromium browser = new Chromium(process, profile);
        try {
            browser.attach();
            return browser;
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    private void attach() {
        CompletableFuture<URI> listening = new CompletableFuture<>();
        // stderr is read to its end: a pipe nobody drains would stall the browser once it filled
        Thread reader = Thread.ofPlatform().daemon().name("chromium-stderr").start(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (stderrTail) {
                        stderrTail.addLast(line);
                        if (stderrTail.size() > STDERR_TAIL) {
                            stderrTail.removeFirst();
                        }
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listening.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process went away; the future below says so
            }
            listening.completeExceptionally(new IllegalStateException("Chromium exited before listening"));
        });
        reader.setUncaughtExceptionHandler((t, e) -> listening.completeExceptionally(e));
        URI browserUri = await(listening, START_TIMEOUT, "Chromium to print its DevTools address");
        String base = "http://" + browserUri.getHost() + ":" + browserUri.getPort();

        URI pageUri = null;
        for (JsonNode target : MAPPER.readTree(get(base + "/json/list", "GET"))) {
            if ("page".equals(text(target.path("type"))) && target.has("webSocketDebuggerUrl")) {
                pageUri = URI.create(text(target.path("webSocketDebuggerUrl")));
                break;
            }
        }
        if (pageUri == null) {
            pageUri = URI.create(text(MAPPER.readTree(get(base + "/json/new?about:blank", "PUT"))
                    .path("webSocketDebuggerUrl")));
        }
        socket = await(http.newWebSocketBuilder().connectTimeout(COMMAND_TIMEOUT).buildAsync(pageUri, new Listener()),
                COMMAND_TIMEOUT, "the DevTools WebSocket to open");
        send("Runtime.enable", null);
        send("Log.enable", null);
        send("Page.enable", null);
    }

    /** Loads {@code url} and waits for its load event; fails when the page cannot be loaded at all. */
    public void navigate(URI url) {
        loaded = new CompletableFuture<>();
        ObjectNode params = MAPPER.createObjectNode().put("url", url.toString());
        JsonNode result = send("Page.navigate", params);
        String failure = text(result.path("errorText"));
        if (!failure.isEmpty()) {
            throw new IllegalStateException("Chromium could not load " + url + ": " + failure);
        }
        await(loaded, LOAD_TIMEOUT, "the load event of " + url);
    }

    /** Evaluates a JavaScript expression in the page; its value, by value. */
    public JsonNode evaluate(String expression) {
        ObjectNode params = MAPPER.createObjectNode()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode result = send("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("evaluating in the page failed: " + describe(result.path("exceptionDetails")));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the whole page at {@link #SCREENSHOT_WIDTH} CSS pixels wide. */
    public Path screenshot(Path png) {
        return screenshot(png, MAX_SCREENSHOT_HEIGHT);
    }

    /** A PNG of the page from its top, at most {@code maxHeight} CSS pixels (and {@link #MAX_SCREENSHOT_HEIGHT}) tall. */
    public Path screenshot(Path png, int maxHeight) {
        metrics(800);
        int height = evaluate("Math.ceil(document.documentElement.scrollHeight)").asInt(800);
        metrics(Math.clamp(height, 1, Math.min(maxHeight, MAX_SCREENSHOT_HEIGHT)));
        JsonNode shot = send("Page.captureScreenshot", MAPPER.createObjectNode().put("format", "png"));
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(png, Base64.getDecoder().decode(text(shot.path("data"))));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the screenshot " + png, e);
        }
        return png;
    }

    /** Everything the page reported as an error so far. */
    public List<String> errors() {
        // a round trip first: the browser sends events in order, so any raised before now have arrived
        send("Runtime.evaluate", MAPPER.createObjectNode().put("expression", "0"));
        return List.copyOf(errors);
    }

    private void metrics(int height) {
        send("Emulation.setDeviceMetricsOverride", MAPPER.createObjectNode()
                .put("width", SCREENSHOT_WIDTH).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
    }

    /** Sends one command and waits for its answer; the protocol's error answer becomes an exception. */
    private JsonNode send(String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        ObjectNode message = MAPPER.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            await(socket.sendText(MAPPER.writeValueAsString(message), true), COMMAND_TIMEOUT, "sending " + method);
            JsonNode response = await(answer, COMMAND_TIMEOUT, "the answer to " + method);
            if (response.has("error")) {
                throw new IllegalStateException(method + " failed: " + response.path("error"));
            }
            return response.path("result");
        } finally {
            pending.remove(id);
        }
    }

    private void dispatch(String raw) {
        JsonNode message = MAPPER.readTree(raw);
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.path("id").asLong());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (text(message.path("method"))) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.consoleAPICalled" -> {
                String type = text(params.path("type"));
                if (type.equals("error") || type.equals("assert")) {
                    List<String> parts = new ArrayList<>();
                    for (JsonNode arg : params.path("args")) {
                        parts.add(arg.has("value") ? text(arg.path("value")) : text(arg.path("description")));
                    }
                    errors.add("console." + type + ": " + String.join(" ", parts));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("uncaught: " + describe(params.path("exceptionDetails")));
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                if (text(entry.path("level")).equals("error")) {
                    String url = text(entry.path("url"));
                    errors.add("log " + text(entry.path("source")) + ": " + text(entry.path("text"))
                            + (url.isEmpty() ? "" : " (" + url + ")"));
                }
            }
            default -> {
                // other events are not needed
            }
        }
    }

    private static String describe(JsonNode exceptionDetails) {
        String description = text(exceptionDetails.path("exception").path("description"));
        return description.isEmpty() ? text(exceptionDetails.path("text")) : description;
    }

    /** Ends the page, the browser and every process it started, then removes the profile. */
    @Override
    public void close() {
        if (socket != null) {
            try {
                // ask nicely first, briefly: a browser that exits by itself leaves no half-written profile
                socket.sendText("{\"id\":" + ids.incrementAndGet() + ",\"method\":\"Browser.close\"}", true)
                        .get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // being killed below anyway
            }
            socket.abort();
        }
        // the children first, while they can still be found through their parent
        List<ProcessHandle> tree = process.descendants().toList();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (ProcessHandle child : tree) {
                child.onExit().get(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ignored) {
            // a child that will not die is beyond this class; the profile removal below may then fail too
        }
        http.close();
        deleteQuietly(profile);
    }

    private String get(String url, String method) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(COMMAND_TIMEOUT)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + url, e);
        }
    }

    private <T> T await(CompletableFuture<T> future, Duration limit, String what) {
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("gave up after " + limit.toSeconds() + " s waiting for " + what
                    + stderrHint(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("failed waiting for " + what + ": " + e.getCause().getMessage()
                    + stderrHint(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        }
    }

    private String stderrHint() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : "; Chromium's stderr ended with:\n  " + String.join("\n  ", stderrTail);
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file the browser still held; the temp directory is the OS's to clean then
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // already gone
        }
    }

    /** Reassembles fragmented frames (a screenshot is megabytes) and hands each message on. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String message = buffer.toString();
                buffer.setLength(0);
                try {
                    dispatch(message);
                } catch (RuntimeException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(new IllegalStateException("DevTools connection closed: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(error);
        }

        private void failAll(Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
            loaded.completeExceptionally(error);
        }
    }
}
