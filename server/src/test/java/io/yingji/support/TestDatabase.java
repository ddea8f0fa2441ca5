package io.yingji.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Creates the integration-test database on the local PostgreSQL when it does not exist yet. */
public class TestDatabase implements BeforeAllCallback {

    private static volatile boolean checked;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        if (checked) {
            return;
        }
        String url = System.getenv().getOrDefault("YINGJI_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/yingji_it");
        String user = System.getenv().getOrDefault("YINGJI_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("YINGJI_TEST_DB_PASSWORD", "");
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        String server = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(server, user, password);
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (!rs.next()) {
                    statement.execute("create database " + database);
                }
            }
        }
        checked = true;
    }
}
