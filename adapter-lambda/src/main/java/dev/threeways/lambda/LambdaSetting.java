package dev.threeways.lambda;

import dev.threeways.core.config.EnvSetting;

/** The environment variables only the Lambda way reads, with their defaults: the one place they are named. */
public enum LambdaSetting implements EnvSetting {
    /** How long the one database connection may take to prove it is alive before each use. */
    DATABASE_VALIDATION_SECONDS("1");

    private final String defaultValue;

    LambdaSetting(String defaultValue) {
        this.defaultValue = defaultValue;
    }

    @Override
    public String defaultValue() {
        return defaultValue;
    }
}
