package dev.threeways.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threeways.infra.CloudFormationSpec.Property;
import dev.threeways.infra.CloudFormationSpec.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A synthesized CloudFormation template against {@link CloudFormationSpec}: resource types,
 * property names, required properties, value types and allowed values, recursively into
 * structures, lists and maps; and that every Ref, Fn::GetAtt, Fn::Sub variable, DependsOn,
 * condition and mapping names something the template (or CloudFormation) has.
 *
 * <p>An intrinsic function stands in for any value, as CloudFormation resolves it only at deploy
 * time; only Fn::If is looked into, since each branch must be a valid value on its own.
 */
final class TemplateCheck {
    enum Kind {
        UNKNOWN_RESOURCE_TYPE, UNKNOWN_PROPERTY, MISSING_REQUIRED_PROPERTY, WRONG_TYPE, VALUE_NOT_ALLOWED,
        DANGLING_REF, DANGLING_GETATT, UNKNOWN_ATTRIBUTE, DANGLING_DEPENDS_ON, DANGLING_CONDITION,
        DANGLING_MAPPING, UNKNOWN_KEY, MALFORMED
    }

    /** One problem; {@code path} is within the resource (or output, condition, rule) named by {@code logicalId}. */
    record Finding(String template, String logicalId, String path, Kind kind, String message) {
        @Override
        public String toString() {
            return template + " " + logicalId + (path.isEmpty() ? "" : " " + path) + ": " + message;
        }
    }

    /** The findings, and how many resources had a type the spec knows, so an empty list cannot mean "nothing looked at". */
    record Result(List<Finding> findings, int resourcesCheckedAgainstSpec) {}

    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private static final Set<String> TEMPLATE_SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Hooks");
    private static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "DependsOn", "Condition", "Metadata",
            "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy");
    /** Not in the registry: the CDK's own metadata resource is understood by CloudFormation without a schema. */
    private static final String CDK_METADATA = "AWS::CDK::Metadata";
    private static final Map<String, Property> TAG = Map.of(
            "Key", new Property(List.of(new Type.Primitive("string", Set.of())), true),
            "Value", new Property(List.of(new Type.Primitive("string", Set.of())), true));
    /** {@code ${Name}} or {@code ${Name.Attribute}} in Fn::Sub; {@code ${!Literal}} is text. */
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final CloudFormationSpec spec;

    TemplateCheck(CloudFormationSpec spec) {
        this.spec = spec;
    }

    Result check(String templateName, JsonNode template) {
        var run = new Run(templateName, template);
        run.all();
        return new Result(List.copyOf(run.findings), run.checkedAgainstSpec);
    }

    /** One template's walk: its names, where in it the walk is, and what was found. */
    private final class Run {
        private final String templateName;
        private final JsonNode template;
        private final Map<String, String> resourceTypes = new LinkedHashMap<>();
        private final Set<String> parameters = new HashSet<>();
        private final Set<String> conditions = new HashSet<>();
        private final Set<String> mappings = new HashSet<>();
        private final List<Finding> findings = new ArrayList<>();
        private int checkedAgainstSpec;
        private String logicalId = "";

        Run(String templateName, JsonNode template) {
            this.templateName = templateName;
            this.template = template;
            template.path("Resources").properties().forEach(e -> resourceTypes.put(e.getKey(), e.getValue().path("Type").asText("")));
            template.path("Parameters").properties().forEach(e -> parameters.add(e.getKey()));
            template.path("Conditions").properties().forEach(e -> conditions.add(e.getKey()));
            template.path("Mappings").properties().forEach(e -> mappings.add(e.getKey()));
        }

        void all() {
            logicalId = "(template)";
            if (!template.isObject()) {
                report("", Kind.MALFORMED, "a template is a JSON object");
                return;
            }
            template.properties().forEach(e -> {
                if (!TEMPLATE_SECTIONS.contains(e.getKey())) {
                    report(e.getKey(), Kind.UNKNOWN_KEY, "'" + e.getKey() + "' is not a template section");
                }
            });
            if (!template.path("Resources").isObject() || template.path("Resources").isEmpty()) {
                report("Resources", Kind.MALFORMED, "a template needs at least one resource");
            }
            template.path("Resources").properties().forEach(e -> {
                logicalId = e.getKey();
                resource(e.getValue());
                references(e.getValue(), "", false);
            });
            for (String section : List.of("Conditions", "Outputs", "Rules")) {
                template.path(section).properties().forEach(e -> {
                    logicalId = section + "." + e.getKey();
                    if (section.equals("Outputs") && e.getValue().has("Condition")) {
                        condition(e.getValue().get("Condition"), "Condition");
                    }
                    references(e.getValue(), "", section.equals("Conditions"));
                });
            }
        }

        // ---- resources against the spec ----

        private void resource(JsonNode resource) {
            if (!resource.isObject()) {
                report("", Kind.MALFORMED, "a resource is a JSON object");
                return;
            }
            resource.properties().forEach(e -> {
                if (!RESOURCE_KEYS.contains(e.getKey())) {
                    report(e.getKey(), Kind.UNKNOWN_KEY, "'" + e.getKey() + "' is not a resource attribute");
                }
            });
            dependsOn(resource.get("DependsOn"));
            if (resource.has("Condition")) {
                condition(resource.get("Condition"), "Condition");
            }
            String type = resource.path("Type").asText("");
            JsonNode properties = resource.get("Properties");
            if (type.isEmpty()) {
                report("Type", Kind.MALFORMED, "no Type");
            } else if (type.equals(CDK_METADATA)) {
                return;
            } else if (isCustomResource(type)) {
                // any properties are passed to the provider; only the token that finds the provider is CloudFormation's
                if (properties == null || !properties.has("ServiceToken")) {
                    report("Properties", Kind.MISSING_REQUIRED_PROPERTY, "a custom resource (" + type + ") needs a ServiceToken");
                }
            } else {
                spec.resource(type).ifPresentOrElse(r -> {
                    checkedAgainstSpec++;
                    object(properties, r.properties(), type, "Properties", findings);
                }, () -> report("Type", Kind.UNKNOWN_RESOURCE_TYPE,
                        type + " is not a resource type in " + CloudFormationSpec.PACKAGE + "@" + spec.version()));
            }
        }

        private void dependsOn(JsonNode dependsOn) {
            if (dependsOn == null) {
                return;
            }
            List<JsonNode> targets = new ArrayList<>();
            if (dependsOn.isArray()) {
                dependsOn.forEach(targets::add);
            } else {
                targets.add(dependsOn);
            }
            for (JsonNode target : targets) {
                if (!target.isTextual()) {
                    report("DependsOn", Kind.MALFORMED, "DependsOn names resources, not " + target);
                } else if (!resourceTypes.containsKey(target.asText())) {
                    report("DependsOn", Kind.DANGLING_DEPENDS_ON, "DependsOn " + target.asText() + ", which is not a resource of this template");
                }
            }
        }

        /** Properties of a resource or structure; {@code null} when the template gives none. */
        private void object(JsonNode value, Map<String, Property> properties, String owner, String path, List<Finding> out) {
            if (value != null && intrinsic(value)) {
                ifBranches(value, branch -> object(branch, properties, owner, path, out));
                return;
            }
            if (value != null && !value.isObject()) {
                out.add(finding(path, Kind.WRONG_TYPE, "expected " + owner + " (an object), got " + shown(value)));
                return;
            }
            if (value != null) {
                value.properties().forEach(e -> {
                    Property property = properties.get(e.getKey());
                    if (property == null) {
                        out.add(finding(path + "." + e.getKey(), Kind.UNKNOWN_PROPERTY, e.getKey() + " is not a property of " + owner));
                    } else if (!noValue(e.getValue())) {
                        value(e.getValue(), property.types(), path + "." + e.getKey(), out);
                    }
                });
            }
            properties.forEach((name, property) -> {
                if (property.required() && (value == null || !value.has(name) || noValue(value.get(name)))) {
                    out.add(finding(path, Kind.MISSING_REQUIRED_PROPERTY, "required property " + name + " of " + owner + " is missing"));
                }
            });
        }

        /** A value that must be one of {@code types}: a property's current and earlier types, or a union's members. */
        private void value(JsonNode value, List<Type> types, String path, List<Finding> out) {
            if (intrinsic(value)) {
                ifBranches(value, branch -> value(branch, types, path, out));
                return;
            }
            List<Type> alternatives = new ArrayList<>();
            types.forEach(t -> flatten(t, alternatives));
            if (alternatives.size() == 1) {
                single(value, alternatives.getFirst(), path, out);
                return;
            }
            List<Finding> closest = null;
            for (Type alternative : alternatives) {
                List<Finding> found = new ArrayList<>();
                single(value, alternative, path, found);
                if (found.isEmpty()) {
                    return;
                }
                // what is wrong inside the alternative of the right shape says more than "expected A or B"
                if (fitsShape(value, alternative) && (closest == null || found.size() < closest.size())) {
                    closest = found;
                }
            }
            if (closest != null) {
                out.addAll(closest);
            } else {
                out.add(finding(path, Kind.WRONG_TYPE, "expected " + spec.describe(new Type.OneOf(alternatives)) + ", got " + shown(value)));
            }
        }

        private void single(JsonNode value, Type type, String path, List<Finding> out) {
            switch (type) {
                case Type.Primitive p -> {
                    if (!scalarFits(value, p.name())) {
                        out.add(finding(path, Kind.WRONG_TYPE, "expected " + p.name() + ", got " + shown(value)));
                    } else if (!p.allowedValues().isEmpty() && value.isValueNode() && !p.allowedValues().contains(value.asText())) {
                        out.add(finding(path, Kind.VALUE_NOT_ALLOWED, shown(value) + " is not one of " + p.allowedValues()));
                    }
                }
                case Type.Tag t -> object(value, TAG, "Tag", path, out);
                case Type.Struct s -> {
                    var structure = spec.structure(s);
                    object(value, structure.properties(), structure.name(), path, out);
                }
                case Type.ListOf l -> {
                    if (!value.isArray()) {
                        out.add(finding(path, Kind.WRONG_TYPE, "expected " + spec.describe(l) + ", got " + shown(value)));
                    } else {
                        for (int i = 0; i < value.size(); i++) {
                            value(value.get(i), List.of(l.element()), path + "[" + i + "]", out);
                        }
                    }
                }
                case Type.MapOf m -> {
                    if (!value.isObject()) {
                        out.add(finding(path, Kind.WRONG_TYPE, "expected " + spec.describe(m) + ", got " + shown(value)));
                    } else {
                        value.properties().forEach(e -> value(e.getValue(), List.of(m.element()), path + "." + e.getKey(), out));
                    }
                }
                case Type.OneOf o -> value(value, List.of(o), path, out);
            }
        }

        // ---- names ----

        /** Every Ref, Fn::GetAtt, Fn::Sub variable, Fn::If condition and Fn::FindInMap map below {@code node}. */
        private void references(JsonNode node, String path, boolean inConditions) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    references(node.get(i), path + "[" + i + "]", inConditions);
                }
                return;
            }
            if (!node.isObject()) {
                return;
            }
            if (node.size() == 1) {
                var only = node.properties().iterator().next();
                String function = only.getKey();
                JsonNode args = only.getValue();
                String at = path.isEmpty() ? function : path + "." + function;
                switch (function) {
                    case "Ref" -> {
                        if (args.isTextual()) {
                            ref(args.asText(), at);
                        }
                    }
                    case "Fn::GetAtt" -> {
                        if (args.isArray() && args.size() == 2 && args.get(0).isTextual()) {
                            getAtt(args.get(0).asText(), args.get(1).isTextual() ? args.get(1).asText() : null, at);
                        } else if (args.isTextual() && args.asText().contains(".")) {
                            String s = args.asText();
                            getAtt(s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1), at);
                        } else {
                            report(at, Kind.MALFORMED, "Fn::GetAtt takes [resource, attribute], not " + args);
                        }
                    }
                    case "Fn::Sub" -> sub(args, at);
                    case "Fn::If" -> {
                        if (args.isArray() && args.size() == 3) {
                            condition(args.get(0), at);
                        } else {
                            report(at, Kind.MALFORMED, "Fn::If takes [condition, then, else], not " + args);
                        }
                    }
                    case "Fn::FindInMap" -> {
                        if (args.isArray() && !args.isEmpty() && args.get(0).isTextual() && !mappings.contains(args.get(0).asText())) {
                            report(at, Kind.DANGLING_MAPPING, "Fn::FindInMap " + args.get(0).asText() + ", which is not a mapping of this template");
                        }
                    }
                    case "Condition" -> {
                        if (inConditions && args.isTextual()) {
                            condition(args, at);
                        }
                    }
                    default -> { }
                }
            }
            node.properties().forEach(e -> references(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), inConditions));
        }

        private void ref(String name, String at) {
            if (!resourceTypes.containsKey(name) && !parameters.contains(name) && !PSEUDO_PARAMETERS.contains(name)) {
                report(at, Kind.DANGLING_REF, "Ref " + name + ", which is neither a resource, a parameter nor a pseudo parameter");
            }
        }

        private void getAtt(String resource, String attribute, String at) {
            String type = resourceTypes.get(resource);
            if (type == null) {
                report(at, Kind.DANGLING_GETATT, "Fn::GetAtt " + resource + (attribute == null ? "" : "." + attribute)
                        + ", but " + resource + " is not a resource of this template");
                return;
            }
            if (attribute == null || isCustomResource(type) || type.equals(CDK_METADATA)) {
                return;
            }
            // a nested stack's outputs are its template's, which this one does not know
            if (type.equals("AWS::CloudFormation::Stack") && attribute.startsWith("Outputs.")) {
                return;
            }
            spec.resource(type).ifPresent(r -> {
                if (!r.attributes().contains(attribute)) {
                    report(at, Kind.UNKNOWN_ATTRIBUTE, "Fn::GetAtt " + resource + "." + attribute + ", but " + type
                            + " has no attribute " + attribute + " (it has " + r.attributes().stream().sorted().toList() + ")");
                }
            });
        }

        private void sub(JsonNode args, String at) {
            String text;
            Set<String> variables = new HashSet<>();
            if (args.isTextual()) {
                text = args.asText();
            } else if (args.isArray() && args.size() == 2 && args.get(0).isTextual() && args.get(1).isObject()) {
                text = args.get(0).asText();
                args.get(1).properties().forEach(e -> variables.add(e.getKey()));
            } else {
                report(at, Kind.MALFORMED, "Fn::Sub takes a string or [string, {variables}], not " + args);
                return;
            }
            Matcher m = SUB_VARIABLE.matcher(text);
            while (m.find()) {
                String name = m.group(1).strip();
                if (variables.contains(name)) {
                    continue;
                }
                int dot = name.indexOf('.');
                if (dot > 0) {
                    getAtt(name.substring(0, dot), name.substring(dot + 1), at);
                } else {
                    ref(name, at);
                }
            }
        }

        private void condition(JsonNode name, String at) {
            if (!name.isTextual()) {
                report(at, Kind.MALFORMED, "a condition is named by a string, not " + name);
            } else if (!conditions.contains(name.asText())) {
                report(at, Kind.DANGLING_CONDITION, "condition " + name.asText() + " is not in Conditions");
            }
        }

        private void report(String path, Kind kind, String message) {
            findings.add(finding(path, kind, message));
        }

        private Finding finding(String path, Kind kind, String message) {
            return new Finding(templateName, logicalId, path, kind, message);
        }
    }

    // ---- values ----

    private static boolean isCustomResource(String type) {
        return type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource");
    }

    /** {@code {"Ref": ...}} or {@code {"Fn::...": ...}}: resolved by CloudFormation, so it may stand for any value. */
    static boolean intrinsic(JsonNode value) {
        if (!value.isObject() || value.size() != 1) {
            return false;
        }
        String key = value.properties().iterator().next().getKey();
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    private static boolean noValue(JsonNode value) {
        return value.isObject() && value.size() == 1 && "AWS::NoValue".equals(value.path("Ref").asText(null));
    }

    /** Each branch of an Fn::If that is a value (not AWS::NoValue), to be checked as if it stood there alone. */
    private static void ifBranches(JsonNode value, Consumer<JsonNode> check) {
        JsonNode args = value.get("Fn::If");
        if (args != null && args.isArray() && args.size() == 3) {
            for (int i = 1; i <= 2; i++) {
                if (!noValue(args.get(i))) {
                    check.accept(args.get(i));
                }
            }
        }
    }

    private static void flatten(Type type, List<Type> into) {
        if (type instanceof Type.OneOf o) {
            o.alternatives().forEach(a -> flatten(a, into));
        } else if (!into.contains(type)) {
            into.add(type);
        }
    }

    private static boolean fitsShape(JsonNode value, Type type) {
        return switch (type) {
            case Type.Primitive p -> scalarFits(value, p.name());
            case Type.Tag t -> value.isObject();
            case Type.Struct s -> value.isObject();
            case Type.MapOf m -> value.isObject();
            case Type.ListOf l -> value.isArray();
            case Type.OneOf o -> o.alternatives().stream().anyMatch(a -> fitsShape(value, a));
        };
    }

    /**
     * CloudFormation passes template scalars on as text and converts them by the schema, so a number or
     * boolean given as a string is accepted, and so is a number or boolean where a string is expected.
     */
    private static boolean scalarFits(JsonNode value, String primitive) {
        return switch (primitive) {
            case "string" -> value.isTextual() || value.isNumber() || value.isBoolean();
            case "number" -> value.isNumber() || value.isTextual() && decimal(value.asText()) != null;
            case "integer" -> {
                BigDecimal d = value.isNumber() ? value.decimalValue() : value.isTextual() ? decimal(value.asText()) : null;
                yield d != null && d.stripTrailingZeros().scale() <= 0;
            }
            case "boolean" -> value.isBoolean() || value.isTextual() && Set.of("true", "false").contains(value.asText());
            case "json" -> value.isObject() || value.isArray();
            case "date-time" -> value.isTextual();
            case "null" -> value.isNull();
            default -> throw new IllegalStateException("unknown primitive " + primitive);
        };
    }

    private static BigDecimal decimal(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String shown(JsonNode value) {
        String kind = value.isObject() ? "object" : value.isArray() ? "list" : value.isTextual() ? "string"
                : value.isBoolean() ? "boolean" : value.isNumber() ? "number" : value.isNull() ? "null" : "value";
        String text = value.toString();
        return kind + " " + (text.length() > 80 ? text.substring(0, 77) + "..." : text);
    }
}
