package dev.threeways.core.ledger;

import dev.threeways.core.log.JulToJson;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The schema, as versioned files under {@code db/migration}. Running them is an explicit step (a
 * one-shot task before a deploy, a test's setup, the embedded default's start), never a side effect of
 * a Lambda cold start.
 */
public final class Migrations {
    private Migrations() {}

    /** Brings the schema of {@code dataSource} (its current schema) up to date; returns the applied count. */
    public static int migrate(DataSource dataSource) {
        JulToJson.install();
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
