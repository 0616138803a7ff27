package dev.threeways.advisor.bill;

import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.Way;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One resource of a synthesized template, reduced to what pricing needs: where it is, what type, which way it
 * serves ({@code null}: shared by every way — the network, the database, the secrets) and the literal properties a
 * price rule reads ({@code facts}, e.g. {@code class=db.t4g.micro}).
 */
public record Resource(String stack, String id, String type, Way way, Map<String, String> facts) {
    public Resource {
        require(stack != null && !stack.isBlank(), "a resource needs its stack");
        require(id != null && !id.isBlank(), "a resource needs its logical id");
        require(type != null && !type.isBlank(), "resource " + id + " needs a type");
        facts = Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    public boolean shared() {
        return way == null;
    }

    public Optional<String> fact(String key) {
        return Optional.ofNullable(facts.get(key));
    }

    /** A fact that must be there for the resource to be priced; its absence is an error naming both. */
    public String required(String key) {
        String v = facts.get(key);
        require(v != null, stack + "/" + id + " (" + type + ") has no literal " + key + " to price it by");
        return v;
    }

    public String where() {
        return stack + "/" + id;
    }
}
