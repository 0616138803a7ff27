package dev.threeways.apprunner;

import dev.threeways.core.config.AppConfig;
import dev.threeways.core.config.AppConfig.WebhookMode;
import dev.threeways.server.ResidentApp;
import dev.threeways.server.ResidentServer;
import dev.threeways.server.ServerConfig;
import dev.threeways.server.Started;
import dev.threeways.server.StartupTraining;
import java.util.Map;

/**
 * App Runner (and ECS Express Mode): serve the app on {@code $PORT}. Webhooks are verified and
 * applied in the request, because App Runner gives an instance no CPU between requests — a
 * background queue worker would stall. With the argument {@code train}, the image build's training
 * run of the start-up archive instead ({@link StartupTraining}).
 */
public final class AppRunnerMain {
    private AppRunnerMain() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(StartupTraining.ARGUMENT)) {
            System.exit(StartupTraining.run(AppRunnerMain::start));
        }
        start(System.getenv()).exitOnSignal();
    }

    static Started start(Map<String, String> env) {
        AppConfig config = AppConfig.fromEnv(env).withWebhookMode(WebhookMode.APPLY);
        ResidentApp app = ResidentApp.create(config, ServerConfig.fromEnv(env), false);
        return ResidentServer.start(app.server(), app.app()).started(app::close);
    }
}
