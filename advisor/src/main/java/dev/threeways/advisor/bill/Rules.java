package dev.threeways.advisor.bill;

import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.price.Arch;
import dev.threeways.advisor.price.FargatePricing;
import dev.threeways.advisor.price.LambdaPricing;
import dev.threeways.advisor.price.Line;
import dev.threeways.advisor.price.PriceBook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule for every resource type the stacks deploy. A type with no rule is an error naming it, so a resource added to
 * a stack cannot be deployed unpriced: infra-cdk's tests bill every runtime combination.
 */
public final class Rules {
    static final double HOURS = TrafficProfile.HOURS_PER_MONTH;
    /**
     * The NAT instance's root volume: the Amazon Linux 2023 AMI CDK's NAT instance provider boots from has an 8 GiB gp3
     * root volume (the template does not say; the AMI does).
     */
    static final double NAT_INSTANCE_ROOT_GB = 8;
    /**
     * vCPUs of the database classes RDS Proxy may front here: the proxy bills per vCPU of its target (RDS instance
     * types page). A class missing here leaves the proxy unpriced, saying so.
     */
    static final Map<String, Integer> DB_VCPUS = Map.of("db.t4g.micro", 2, "db.t4g.small", 2, "db.t4g.medium", 2);
    /** RDS Proxy's least billed vCPUs for a provisioned instance (RDS Proxy pricing page). */
    static final int PROXY_MIN_VCPUS = 2;
    /**
     * The hourly reconcile function's billed run: not measured (it reads payments stuck in a pending state, usually
     * none), taken as one second; the line says so.
     */
    static final double SCHEDULE_RUN_SECONDS = 1;
    /** A scheduled Fargate task bills at least a minute (Fargate pricing); the nightly settle task is taken at that. */
    static final double SCHEDULED_TASK_SECONDS = 60;

    /** What a rule may read: the whole inventory (a proxy's target, a service's task) and the region's prices. */
    public record Context(Inventory inventory, PriceBook.Prices prices) {}

    private static final Map<String, Rule> BY_TYPE = rules();

    private Rules() {}

    /** The rule for a resource, or an error naming its type and where it is. */
    public static Rule of(Resource r) {
        if (r.type().startsWith("Custom::") || r.type().equals("AWS::CloudFormation::CustomResource")) {
            return new Rule.Free("a custom resource: its provider runs only during a deploy (seconds a deploy; cents a year)");
        }
        Rule rule = BY_TYPE.get(r.type());
        require(rule != null, "no price rule for resource type " + r.type() + " (" + r.where() + "): add one to "
                + Rules.class.getName() + " — priced from the price book, or free or unpriced with the reason");
        if (r.type().equals("AWS::Lambda::Function")) {
            return function(r);
        }
        if (r.type().equals("AWS::ECS::Service")) {
            return service(r);
        }
        if (r.type().equals("AWS::Events::Rule") && "ecs".equals(r.facts().get("target"))) {
            return SCHEDULED_TASK;
        }
        if (r.type().equals("AWS::ECS::Cluster") && r.fact("containerInsights").filter(v -> !v.equals("disabled")).isPresent()) {
            return new Rule.Unpriced("Container Insights (" + r.facts().get("containerInsights") + ") bills its metrics and "
                    + "performance logs by volume; no price for ECS's enhanced observability was found in a source here");
        }
        return rule;
    }

    private static Map<String, Rule> rules() {
        var m = new LinkedHashMap<String, Rule>();
        String network = "part of the VPC: no charge of its own";
        for (String t : List.of("AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::Route",
                "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment",
                "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress",
                "AWS::EC2::LaunchTemplate")) {
            m.put(t, new Rule.Free(network));
        }
        for (String t : List.of("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile")) {
            m.put(t, new Rule.Free("IAM has no charge"));
        }
        m.put("AWS::CDK::Metadata", new Rule.Free("CDK's version record: not deployed as anything billed"));
        m.put("AWS::EC2::FlowLog", new Rule.Unpriced("the flow log's volume is the traffic the VPC rejects (scans from the "
                + "internet), not a function of the app's load: vended logs are $0.50/GB ingested, the GB are not known"));
        m.put("AWS::EC2::Instance", new Rule.Priced("EC2 instance hours, its root volume, and its public IPv4 address",
                Rules::instance));
        m.put("AWS::EC2::NatGateway", new Rule.Priced("NAT gateway hours", (r, c) ->
                List.of(Line.of(c.prices().rate("nat.hour"), HOURS))));
        m.put("AWS::EC2::EIP", new Rule.Priced("a public IPv4 address, all month", (r, c) ->
                List.of(Line.of(c.prices().rate("vpc.public-ipv4-hour"), HOURS))));

        m.put("AWS::RDS::DBInstance", new Rule.Priced("RDS instance hours and storage", Rules::database));
        m.put("AWS::RDS::DBProxy", new Rule.Priced("RDS Proxy: per vCPU-hour of its target instance, at least "
                + PROXY_MIN_VCPUS, Rules::proxy));
        m.put("AWS::RDS::DBProxyTargetGroup", new Rule.Free("part of the proxy, billed on the proxy"));
        m.put("AWS::RDS::DBSubnetGroup", new Rule.Free("a list of subnets"));
        m.put("AWS::SecretsManager::Secret", new Rule.Priced("a secret a month (its API calls are the way's usage)",
                (r, c) -> List.of(Line.of(c.prices().rate("secretsmanager.secret"), 1))));
        m.put("AWS::SecretsManager::SecretTargetAttachment", new Rule.Free("links the secret to the database"));
        m.put("AWS::KMS::Key", new Rule.Priced("a customer managed key a month", (r, c) ->
                List.of(Line.of(c.prices().rate("kms.key"), 1))));
        m.put("AWS::SQS::Queue", new Rule.Free("a queue costs nothing to keep; its requests are the ways' usage"));
        m.put("AWS::SQS::QueuePolicy", new Rule.Free("a policy"));
        m.put("AWS::SNS::Topic", new Rule.Free("a topic costs nothing to keep; an alarm's few e-mails are in SNS's free 1,000 a month"));
        m.put("AWS::SNS::TopicPolicy", new Rule.Free("a policy"));
        m.put("AWS::SNS::Subscription", new Rule.Free("e-mail notifications: the first 1,000 a month are free"));
        m.put("AWS::CloudWatch::Alarm", new Rule.Priced("a standard-resolution alarm on one metric", (r, c) ->
                List.of(Line.of(c.prices().rate("cloudwatch.alarm"), 1))));
        m.put("AWS::Logs::LogGroup", new Rule.Free("a log group costs nothing to keep; what is written to it and kept is "
                + "the way's usage (log lines a request)"));

        m.put("AWS::Lambda::Function", new Rule.Compute("a function"));
        for (String t : List.of("AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::Lambda::Permission",
                "AWS::Lambda::EventInvokeConfig")) {
            m.put(t, new Rule.Free("a name or a permission of a function; invocations are billed on the function"));
        }
        m.put("AWS::Lambda::EventSourceMapping", new Rule.Free("Lambda's SQS poller has no charge of its own; its "
                + "ReceiveMessage calls are SQS requests, in the way's usage"));
        m.put("AWS::ApiGatewayV2::Api", new Rule.Compute("HTTP API requests"));
        for (String t : List.of("AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Integration")) {
            m.put(t, new Rule.Free("part of the HTTP API, billed per request on the API"));
        }
        m.put("AWS::Events::Rule", new Rule.Free("EventBridge schedules are free; what they start is billed where it runs"));

        m.put("AWS::ECS::Cluster", new Rule.Free("a cluster has no charge; its tasks do"));
        m.put("AWS::ECS::ClusterCapacityProviderAssociations", new Rule.Free("a setting of the cluster"));
        m.put("AWS::ECS::TaskDefinition", new Rule.Free("a definition: tasks are billed where they run"));
        m.put("AWS::ECS::Service", new Rule.Compute("tasks"));
        m.put("AWS::ECS::ExpressGatewayService", new Rule.Priced("tasks and the load balancer ECS creates for it are "
                + "compute; here the load balancer's public IPv4 addresses (one per zone, two zones)", (r, c) ->
                List.of(Line.of(c.prices().rate("vpc.public-ipv4-hour"), 2 * HOURS))));
        m.put("AWS::ElasticLoadBalancingV2::LoadBalancer", new Rule.Priced("hours and LCUs are compute; here its "
                + "public IPv4 addresses, one per zone", Rules::loadBalancer));
        for (String t : List.of("AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::TargetGroup",
                "AWS::ElasticLoadBalancingV2::ListenerRule")) {
            m.put(t, new Rule.Free("part of the load balancer, billed on it"));
        }
        for (String t : List.of("AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy")) {
            m.put(t, new Rule.Free("scaling settings have no charge"));
        }
        m.put("AWS::AppRunner::Service", new Rule.Compute("instance memory and active vCPU"));
        m.put("AWS::AppRunner::AutoScalingConfiguration", new Rule.Free("a setting"));
        m.put("AWS::AppRunner::VpcConnector", new Rule.Free("App Runner's pricing lists no charge for a VPC connector; "
                + "traffic out of the VPC goes through its NAT, priced there"));
        return m;
    }

    private static final Rule SCHEDULED_TASK = new Rule.Priced("a scheduled Fargate task once a day, billed its "
            + "one-minute minimum (its run is not measured)", (r, c) -> {
        Resource task = c.inventory().taskOf(r);
        double runs = TrafficProfile.DAYS_PER_MONTH;
        return FargatePricing.bill(c.prices(), FargatePricing.Usage.onDemand(vcpu(task), memoryGb(task),
                Arch.of(task.required("arch")), runs * SCHEDULED_TASK_SECONDS)).lines();
    });

    private static Rule function(Resource r) {
        return switch (r.facts().getOrDefault("role", "deploy")) {
            case "http" -> new Rule.Compute("the HTTP function's requests and duration");
            case "queue" -> new Rule.Compute("the queue function's invocations (webhooks applied from the queue)");
            case "schedule" -> new Rule.Priced("the reconcile function, hourly, " + (int) SCHEDULE_RUN_SECONDS
                    + " s a run (not measured)", (res, c) -> LambdaPricing.bill(c.prices(), LambdaPricing.Usage.onDemand(
                    HOURS, SCHEDULE_RUN_SECONDS * 1000, Integer.parseInt(res.required("memoryMb")),
                    Arch.of(res.required("arch")))).lines());
            default -> new Rule.Free("runs only during a deploy (migrations, CDK's providers): seconds a deploy");
        };
    }

    private static Rule service(Resource r) {
        return new Rule.Priced("a service's tasks: the serve service is compute; any other runs its desired count all "
                + "month on demand", (res, c) -> {
            Resource task = c.inventory().taskOf(res);
            if ("serve".equals(task.facts().get("entry"))) {
                return List.of();
            }
            double taskSeconds = Integer.parseInt(res.required("desired")) * HOURS * 3600;
            return FargatePricing.bill(c.prices(), FargatePricing.Usage.onDemand(vcpu(task), memoryGb(task),
                    Arch.of(task.required("arch")), taskSeconds)).lines();
        });
    }

    private static List<Line> instance(Resource r, Context c) {
        var lines = new ArrayList<Line>();
        lines.add(Line.of(c.prices().rate("ec2." + r.required("instanceType")), HOURS));
        lines.add(Line.of(c.prices().rate("ebs.gp3"), NAT_INSTANCE_ROOT_GB));
        if (Boolean.parseBoolean(r.facts().get("publicIp"))) {
            lines.add(Line.of(c.prices().rate("vpc.public-ipv4-hour"), HOURS));
        }
        return lines;
    }

    private static List<Line> database(Resource r, Context c) {
        double copies = Boolean.parseBoolean(r.facts().get("multiAz")) ? 2 : 1;
        return List.of(
                Line.of(c.prices().rate("rds." + r.required("engine") + "." + r.required("class")), copies * HOURS),
                Line.of(c.prices().rate("rds.storage." + r.required("storageType")),
                        copies * Double.parseDouble(r.required("storageGb"))));
    }

    private static List<Line> proxy(Resource r, Context c) {
        List<Resource> targets = c.inventory().ofType("AWS::RDS::DBInstance");
        require(targets.size() == 1, "RDS Proxy bills by its target's vCPUs; the assembly has " + targets.size() + " database instances");
        String cls = targets.getFirst().required("class");
        Integer vcpus = DB_VCPUS.get(cls);
        require(vcpus != null, "the vCPUs of " + cls + " are not known here (Rules.DB_VCPUS)");
        return List.of(Line.of(c.prices().rate("rds.proxy.vcpu-hour"), Math.max(PROXY_MIN_VCPUS, vcpus) * HOURS));
    }

    private static List<Line> loadBalancer(Resource r, Context c) {
        if (!"internet-facing".equals(r.facts().get("scheme"))) {
            return List.of();
        }
        return List.of(Line.of(c.prices().rate("vpc.public-ipv4-hour"), Integer.parseInt(r.required("zones")) * HOURS));
    }

    static double vcpu(Resource task) {
        return Integer.parseInt(task.required("cpu")) / 1024.0;
    }

    static double memoryGb(Resource task) {
        return Integer.parseInt(task.required("memory")) / 1024.0;
    }
}
