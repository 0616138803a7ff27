package dev.threeways.fargate;

import dev.threeways.core.config.EnvReader;
import java.util.Map;
import java.util.Set;

/** Who may open /ws/payments from a browser, and how much may wait for one client; read once from the environment. */
record WebSocketConfig(Set<String> allowedOrigins, int maxPendingBytes) {
    static WebSocketConfig fromEnv(Map<String, String> env) {
        var r = new EnvReader(env);
        return new WebSocketConfig(Set.copyOf(r.listOrNone(FargateSetting.WS_ALLOWED_ORIGINS)),
                r.integer(FargateSetting.WS_MAX_PENDING_BYTES, 1024, 64 * 1024 * 1024));
    }
}
