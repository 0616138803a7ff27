package dev.threeways.core.config;

/** An environment variable with its embedded default; each module lists its own in an enum. */
public interface EnvSetting {
    String name();

    String defaultValue();
}
