package dev.threeways.core.secrets;

import dev.threeways.core.http.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** A database user and password; from a secret in the JSON shape RDS generates ({@code username}, {@code password}, ...). */
public record DatabaseCredentials(String user, String password) {
    @Override
    public String toString() {
        return "DatabaseCredentials[user=" + user + "]";
    }

    public static DatabaseCredentials fromRdsSecret(String secretId, String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            JsonNode user = node.get("username");
            JsonNode password = node.get("password");
            if (user == null || !user.isString() || password == null || !password.isString()) {
                throw new SecretException("secret " + secretId + " is not a database secret: it needs string fields username and password", null);
            }
            return new DatabaseCredentials(user.stringValue(), password.stringValue());
        } catch (JacksonException e) {
            throw new SecretException("secret " + secretId + " is not JSON", null);
        }
    }
}
