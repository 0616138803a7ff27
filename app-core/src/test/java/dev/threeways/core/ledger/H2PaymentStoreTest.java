package dev.threeways.core.ledger;

import dev.threeways.core.testing.H2Database;
import javax.sql.DataSource;

/** The embedded default (H2 in PostgreSQL mode) keeps the same guarantees. */
class H2PaymentStoreTest extends PaymentStoreContract {
    @Override
    protected DataSource freshDatabase() {
        return H2Database.fresh();
    }
}
