package dev.threeways.core.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Small SQL reads for assertions. */
public final class Sql {
    private Sql() {}

    public static long count(DataSource ds, String table) {
        return queryLong(ds, "SELECT COUNT(*) FROM " + table);
    }

    public static long queryLong(DataSource ds, String sql) {
        return Long.parseLong(queryString(ds, sql));
    }

    /** The first column of the first row, as text (null for SQL NULL). */
    public static String queryString(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
