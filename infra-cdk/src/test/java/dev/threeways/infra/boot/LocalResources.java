package dev.threeways.infra.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Resolves a template's values as CloudFormation would, with each AWS resource replaced by its local
 * equivalent: the database's and the proxy's endpoints by the local PostgreSQL, a queue by an
 * ElasticMQ queue, a secret by an id in the local Secrets Manager stand-in. Cross-stack references
 * ({@code Fn::ImportValue}) are followed to the exporting stack's output, as a deploy would.
 */
public final class LocalResources {
    public static final String ACCOUNT = "111122223333";
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    private final SynthesizedApp app;
    private final String region;
    private final String databaseHost;
    private final String databasePort;
    private final Function<String, String> queueUrlByName;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    public LocalResources(SynthesizedApp app, String region, String databaseHost, int databasePort,
                          Function<String, String> queueUrlByName) {
        this.app = app;
        this.region = region;
        this.databaseHost = databaseHost;
        this.databasePort = String.valueOf(databasePort);
        this.queueUrlByName = queueUrlByName;
    }

    /** The local secret id standing for a stack's secret resource. */
    public String secretId(String stack, String logicalId) {
        return "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + stack + "/" + logicalId;
    }

    /** The value as a string (numbers and booleans as CloudFormation passes them to a service). */
    public String string(String stack, JsonNode value) {
        Object resolved = resolve(stack, value);
        if (resolved instanceof List<?>) {
            throw new IllegalArgumentException("a list where a string is expected: " + value);
        }
        return String.valueOf(resolved);
    }

    /** {@code Name}/{@code Value} (or {@code Key}/{@code Value}) pairs, as an environment. */
    public Map<String, String> pairs(String stack, JsonNode list, String nameField, String valueField) {
        var env = new java.util.LinkedHashMap<String, String>();
        for (JsonNode pair : list) {
            env.put(pair.path(nameField).asString(), string(stack, pair.path(valueField)));
        }
        return env;
    }

    /** An object of values (a function's environment variables), resolved. */
    public Map<String, String> map(String stack, JsonNode object) {
        var env = new java.util.LinkedHashMap<String, String>();
        for (var e : object.properties()) {
            env.put(e.getKey(), string(stack, e.getValue()));
        }
        return env;
    }

    public Object resolve(String stack, JsonNode value) {
        if (value.isString()) {
            return value.asString();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        if (value.isArray()) {
            var list = new ArrayList<Object>();
            value.forEach(v -> list.add(resolve(stack, v)));
            return list;
        }
        if (value.isObject() && value.size() == 1) {
            var only = value.properties().iterator().next();
            JsonNode arg = only.getValue();
            switch (only.getKey()) {
                case "Ref" -> {
                    return ref(stack, arg.asString());
                }
                case "Fn::GetAtt" -> {
                    return getAtt(stack, arg.get(0).asString(), arg.get(1).asString());
                }
                case "Fn::Join" -> {
                    var parts = new StringBuilder();
                    List<?> items = (List<?>) resolve(stack, arg.get(1));
                    for (int i = 0; i < items.size(); i++) {
                        parts.append(i == 0 ? "" : arg.get(0).asString()).append(items.get(i));
                    }
                    return parts.toString();
                }
                case "Fn::Select" -> {
                    return ((List<?>) resolve(stack, arg.get(1))).get(Integer.parseInt(string(stack, arg.get(0))));
                }
                case "Fn::Split" -> {
                    return List.of(string(stack, arg.get(1)).split(Pattern.quote(arg.get(0).asString()), -1));
                }
                case "Fn::Sub" -> {
                    return sub(stack, arg.isArray() ? arg.get(0).asString() : arg.asString());
                }
                case "Fn::ImportValue" -> {
                    return importValue(string(stack, arg));
                }
                default -> throw new IllegalArgumentException("no local equivalent for " + only.getKey() + " in " + stack);
            }
        }
        throw new IllegalArgumentException("cannot resolve " + value + " in " + stack);
    }

    private String sub(String stack, String text) {
        Matcher m = SUB.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = name.contains(".") && !name.startsWith("AWS::")
                    ? getAtt(stack, name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1))
                    : ref(stack, name);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String importValue(String exportName) {
        for (var t : app.templates().entrySet()) {
            for (var output : t.getValue().path("Outputs").properties()) {
                JsonNode export = output.getValue().path("Export").path("Name");
                if (!export.isMissingNode() && string(t.getKey(), export).equals(exportName)) {
                    return string(t.getKey(), output.getValue().path("Value"));
                }
            }
        }
        throw new IllegalArgumentException("no stack exports " + exportName + ": the deploy would fail");
    }

    private JsonNode resource(String stack, String logicalId) {
        JsonNode r = app.template(stack).path("Resources").path(logicalId);
        if (r.isMissingNode()) {
            throw new IllegalArgumentException(stack + " has no resource " + logicalId + ": a dangling reference");
        }
        return r;
    }

    private String ref(String stack, String name) {
        switch (name) {
            case "AWS::Region" -> {
                return region;
            }
            case "AWS::AccountId" -> {
                return ACCOUNT;
            }
            case "AWS::Partition" -> {
                return "aws";
            }
            case "AWS::URLSuffix" -> {
                return "amazonaws.com";
            }
            case "AWS::StackName" -> {
                return stack;
            }
            default -> {
                // a parameter, or a resource
            }
        }
        JsonNode parameter = app.template(stack).path("Parameters").path(name);
        if (!parameter.isMissingNode()) {
            return parameter.path("Default").asString("");
        }
        JsonNode r = resource(stack, name);
        return switch (r.path("Type").asString()) {
            case "AWS::SecretsManager::Secret" -> secretId(stack, name);
            case "AWS::SecretsManager::SecretTargetAttachment" -> string(stack, r.path("Properties").path("SecretId"));
            case "AWS::SQS::Queue" -> queueUrls.computeIfAbsent(stack + "/" + name, k -> queueUrlByName.apply(queueName(stack, name)));
            default -> "local-" + name;
        };
    }

    private static String queueName(String stack, String logicalId) {
        return (stack + "-" + logicalId).replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private String getAtt(String stack, String logicalId, String attribute) {
        JsonNode r = resource(stack, logicalId);
        String type = r.path("Type").asString();
        return switch (type + "." + attribute) {
            case "AWS::RDS::DBInstance.Endpoint.Address", "AWS::RDS::DBProxy.Endpoint" -> databaseHost;
            case "AWS::RDS::DBInstance.Endpoint.Port" -> databasePort;
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + region + ":" + ACCOUNT + ":" + queueName(stack, logicalId);
            case "AWS::SQS::Queue.QueueName" -> queueName(stack, logicalId);
            case "AWS::SQS::Queue.QueueUrl" -> ref(stack, logicalId);
            default -> "local-" + logicalId + "." + attribute;
        };
    }
}
