package dev.threeways.core.ledger;

import dev.threeways.core.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

class PostgresPaymentStoreTest extends PaymentStoreContract {
    private final List<TestDatabase> databases = new ArrayList<>();

    @Override
    protected DataSource freshDatabase() {
        TestDatabase db = TestDatabase.postgres();
        databases.add(db);
        return db.dataSource();
    }

    @AfterEach
    void dropSchemas() {
        databases.forEach(TestDatabase::close);
    }
}
