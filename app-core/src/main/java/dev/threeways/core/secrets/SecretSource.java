package dev.threeways.core.secrets;

/** Where a secret's current value is read from: Secrets Manager when deployed. */
@FunctionalInterface
public interface SecretSource {
    /** The secret's current string value; throws {@link SecretException} when it cannot be read. */
    String read(String secretId);
}
