package dev.threeways.apprunner;

import dev.threeways.core.config.AppConfig;
import dev.threeways.core.config.AppConfig.WebhookMode;
import dev.threeways.server.ResidentApp;
import dev.threeways.server.ResidentServer;
import dev.threeways.server.ServerConfig;
import java.util.Map;

/**
 * App Runner (and ECS Express Mode): serve the app on {@code $PORT}. Webhooks are verified and
 * applied in the request, because App Runner gives an instance no CPU between requests — a
 * background queue worker would stall.
 */
public final class AppRunnerMain {
    private AppRunnerMain() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        AppConfig config = AppConfig.fromEnv(env).withWebhookMode(WebhookMode.APPLY);
        ResidentApp app = ResidentApp.create(config, ServerConfig.fromEnv(env), false);
        ResidentServer server = ResidentServer.start(app.server(), app.app());
        server.exitOnSignal(app::close);
    }
}
