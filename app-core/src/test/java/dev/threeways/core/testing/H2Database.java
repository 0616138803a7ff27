package dev.threeways.core.testing;

import dev.threeways.core.ledger.Migrations;
import dev.threeways.core.ledger.SimpleDataSource;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A fresh, migrated in-memory H2 in PostgreSQL mode: the app's embedded default, one per test. */
public final class H2Database {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private H2Database() {}

    public static DataSource fresh() {
        String url = "jdbc:h2:mem:test" + SEQ.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        var ds = new SimpleDataSource(url, "", "");
        Migrations.migrate(ds);
        return ds;
    }
}
