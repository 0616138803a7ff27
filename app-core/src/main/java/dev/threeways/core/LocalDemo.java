package dev.threeways.core;

import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.ledger.Migrations;
import dev.threeways.core.ledger.SimpleDataSource;
import java.time.InstantSource;

/**
 * Runs the app in-process with the configuration from the environment (embedded H2 and an in-memory
 * queue when nothing is set): migrates the schema, then sends the requests of {@link PaymentLife} and
 * prints each exchange.
 */
public final class LocalDemo {
    private LocalDemo() {}

    public static void main(String[] args) {
        AppConfig config = AppConfig.fromEnv();
        Migrations.migrate(new SimpleDataSource(config.databaseUrl(), config.databaseUser(), config.databasePassword()));
        App app = App.fromConfig(config);
        String intent = "pi_demo_" + Long.toHexString(System.nanoTime());
        String readToken = config.readApiTokens().isEmpty() ? "" : config.readApiTokens().getFirst();
        for (HttpRequest request : PaymentLife.requests(intent, config.webhookSecrets().getFirst(), readToken,
                InstantSource.system())) {
            HttpResponse response = app.handler().handle(request);
            System.out.println("> " + request.method() + " " + request.path()
                    + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()));
            System.out.println("< " + response.status() + " " + response.bodyAsString());
        }
    }
}
