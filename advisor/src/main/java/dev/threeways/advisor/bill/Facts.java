package dev.threeways.advisor.bill;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The literal properties of a resource that a price rule reads. A property given as an intrinsic function
 * ({@code Ref}, {@code Fn::GetAtt}) is not a literal and is left out, except references to another resource of the
 * same template, kept as its logical id (a service's task definition).
 */
final class Facts {
    private Facts() {}

    static Map<String, String> of(String type, JsonNode p) {
        var f = new TreeMap<String, String>();
        switch (type) {
            case "AWS::RDS::DBInstance" -> {
                put(f, "class", p.path("DBInstanceClass"));
                put(f, "engine", p.path("Engine"));
                put(f, "storageGb", p.path("AllocatedStorage"));
                // RDS's default when a template names none
                f.put("storageType", literal(p.path("StorageType")) == null ? "gp2" : literal(p.path("StorageType")));
                f.put("multiAz", String.valueOf(p.path("MultiAZ").asBoolean(false)));
            }
            case "AWS::EC2::Instance" -> {
                put(f, "instanceType", p.path("InstanceType"));
                boolean publicIp = false;
                for (JsonNode eni : p.path("NetworkInterfaces")) {
                    publicIp |= eni.path("AssociatePublicIpAddress").asBoolean(false);
                }
                f.put("publicIp", String.valueOf(publicIp));
            }
            case "AWS::Lambda::Function" -> {
                f.put("memoryMb", String.valueOf(p.path("MemorySize").asInt(128)));
                f.put("arch", p.path("Architectures").path(0).asString("x86_64"));
                f.put("package", p.path("PackageType").asString("Zip"));
                String handler = literal(p.path("Handler"));
                if (handler == null) {
                    handler = literal(p.path("ImageConfig").path("Command").path(0));
                }
                f.put("role", role(handler));
            }
            case "AWS::ECS::TaskDefinition" -> {
                put(f, "cpu", p.path("Cpu"));
                put(f, "memory", p.path("Memory"));
                f.put("arch", p.path("RuntimePlatform").path("CpuArchitecture").asString("X86_64"));
                put(f, "entry", p.path("ContainerDefinitions").path(0).path("Command").path(0));
            }
            case "AWS::ECS::Service" -> {
                f.put("desired", String.valueOf(p.path("DesiredCount").asInt(1)));
                ref(f, "task", p.path("TaskDefinition"));
            }
            case "AWS::ECS::ExpressGatewayService" -> {
                put(f, "cpu", p.path("Cpu"));
                put(f, "memory", p.path("Memory"));
                f.put("minTasks", String.valueOf(p.path("ScalingTarget").path("MinTaskCount").asInt(1)));
            }
            case "AWS::ECS::Cluster" -> {
                for (JsonNode s : p.path("ClusterSettings")) {
                    if ("containerInsights".equals(s.path("Name").asString(""))) {
                        put(f, "containerInsights", s.path("Value"));
                    }
                }
            }
            case "AWS::ElasticLoadBalancingV2::LoadBalancer" -> {
                f.put("scheme", p.path("Scheme").asString("internet-facing"));
                f.put("lbType", p.path("Type").asString("application"));
                f.put("zones", String.valueOf(p.path("Subnets").size()));
            }
            case "AWS::AppRunner::Service" -> {
                put(f, "cpu", p.path("InstanceConfiguration").path("Cpu"));
                put(f, "memory", p.path("InstanceConfiguration").path("Memory"));
            }
            case "AWS::AppRunner::AutoScalingConfiguration" -> {
                put(f, "min", p.path("MinSize"));
                put(f, "max", p.path("MaxSize"));
            }
            case "AWS::Events::Rule" -> {
                put(f, "schedule", p.path("ScheduleExpression"));
                JsonNode target = p.path("Targets").path(0);
                f.put("target", target.has("EcsParameters") ? "ecs" : "lambda");
                ref(f, "task", target.path("EcsParameters").path("TaskDefinitionArn"));
            }
            case "AWS::EC2::FlowLog" -> put(f, "traffic", p.path("TrafficType"));
            default -> {
                // nothing this type's rule reads
            }
        }
        return f;
    }

    /** What a function is for, from its handler: the app's own handlers by class, anything else runs at deploy. */
    static String role(String handler) {
        if (handler == null || !handler.startsWith("dev.threeways.")) {
            return "deploy";
        }
        String cls = handler.substring(handler.lastIndexOf('.') + 1);
        if (cls.startsWith("Http")) {
            return "http";
        }
        if (cls.startsWith("Queue")) {
            return "queue";
        }
        if (cls.startsWith("Schedule")) {
            return "schedule";
        }
        return "deploy";
    }

    private static void put(Map<String, String> f, String key, JsonNode value) {
        String v = literal(value);
        if (v != null) {
            f.put(key, v);
        }
    }

    private static void ref(Map<String, String> f, String key, JsonNode value) {
        if (value.has("Ref")) {
            f.put(key, value.path("Ref").asString());
        }
    }

    private static String literal(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull() || v.isObject() || v.isArray()) {
            return null;
        }
        String s = v.asString();
        // a fact is one token of key=value;key=value text
        return s.replace(';', ',').replace('\t', ' ').replace('\n', ' ');
    }
}
