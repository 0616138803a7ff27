package dev.threeways.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threeways.infra.TemplateCheck.Finding;
import dev.threeways.infra.TemplateCheck.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.NestedCloudAssemblyArtifact;

/**
 * Every template the app synthesizes, whatever stacks it has today, against the CloudFormation
 * resource specification the CDK generates its L1 constructs from; then hand-written templates
 * with each kind of mistake, so that a check that has gone blind cannot pass for a clean app.
 */
class SynthesizedTemplatesMatchTheSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static CloudFormationSpec spec;
    private static TemplateCheck check;

    @BeforeAll
    static void loadSpec() {
        long start = System.nanoTime();
        spec = CloudFormationSpec.pinned();
        check = new TemplateCheck(spec);
        System.out.printf("%s@%s: %d resource types, loaded in %d ms%n", CloudFormationSpec.PACKAGE, spec.version(),
                spec.resourceTypeCount(), (System.nanoTime() - start) / 1_000_000);
    }

    static Stream<Arguments> variants() {
        Map<String, Object> all = Map.of("repoRoot", "..", "runtimes", "lambda,apprunner,expressmode,fargate");
        Map<String, Object> workerService = new HashMap<>(all);
        workerService.put("fargateWorkerService", "true");
        return Stream.of(Arguments.of("every runtime", all), Arguments.of("every runtime, Fargate worker as a service", workerService));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everySynthesizedTemplateMatchesTheSpec(String variant, Map<String, Object> context) throws IOException {
        long start = System.nanoTime();
        App app = new App(AppProps.builder().context(context).build());
        ThreeWaysApp.build(app);
        Map<String, Path> templates = templates(app.synth());
        assertFalse(templates.isEmpty(), "the app synthesized no template");

        List<Finding> findings = new ArrayList<>();
        int resources = 0;
        for (var t : templates.entrySet()) {
            var result = check.check(t.getKey(), JSON.readTree(t.getValue().toFile()));
            resources += result.resourcesCheckedAgainstSpec();
            findings.addAll(result.findings());
        }
        assertTrue(resources > 0, "no resource of " + templates.keySet() + " was one the spec could check");
        System.out.printf("%s: %d templates %s, %d resources checked, %d findings, in %d ms%n", variant, templates.size(),
                templates.keySet(), resources, findings.size(), (System.nanoTime() - start) / 1_000_000);
        if (!findings.isEmpty()) {
            fail(findings.size() + " findings against " + CloudFormationSpec.PACKAGE + "@" + spec.version() + " (" + variant + "):\n"
                    + findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
        }
    }

    /**
     * Each stack's template, stages' included, and the nested stacks' templates, which an assembly
     * lists only as file assets of their parent, next to its own templates.
     */
    private static Map<String, Path> templates(CloudAssembly assembly) throws IOException {
        Map<String, Path> templates = new LinkedHashMap<>();
        collect(assembly, templates);
        return templates;
    }

    private static void collect(CloudAssembly assembly, Map<String, Path> templates) throws IOException {
        for (CloudFormationStackArtifact stack : assembly.getStacks()) {
            templates.put(stack.getDisplayName(), Path.of(stack.getTemplateFullPath()));
        }
        // not Files.walk: the asset directories beside the templates hold whole Docker build contexts
        try (Stream<Path> files = Files.list(Path.of(assembly.getDirectory()))) {
            files.filter(f -> f.getFileName().toString().endsWith(".nested.template.json"))
                    .forEach(f -> templates.put(f.getFileName().toString(), f));
        }
        for (NestedCloudAssemblyArtifact nested : assembly.getNestedAssemblies()) {
            collect(nested.getNestedAssembly(), templates);
        }
    }

    // ---- the check finds what it is for ----

    private static List<Finding> findings(String template) {
        try {
            return check.check("test", JSON.readTree(template)).findings();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void assertFinds(List<Finding> findings, Kind kind, String logicalId, String path, String inMessage) {
        assertTrue(findings.stream().anyMatch(f -> f.kind() == kind && f.logicalId().equals(logicalId) && f.path().equals(path)
                        && f.message().contains(inMessage)),
                () -> "expected " + kind + " at " + logicalId + " " + path + " (\"" + inMessage + "\") among:\n"
                        + findings.stream().map(f -> f.kind() + " " + f).collect(Collectors.joining("\n")));
    }

    private static final String ROLE = """
            "Role": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Statement": [] } } }
            """;

    @Test
    void aTemplateThatIsRightHasNoFindings() {
        // intrinsics everywhere a value goes, scalars as strings, a branch that is no value, the CDK's own
        // resources and a custom resource: everything a synthesized template holds that a naive check would flag
        List<Finding> found = findings("""
                {
                  "Parameters": { "Size": { "Type": "Number" } },
                  "Conditions": {
                    "InIreland": { "Fn::Equals": [ { "Ref": "AWS::Region" }, "eu-west-1" ] },
                    "Both": { "Fn::And": [ { "Condition": "InIreland" }, { "Condition": "InIreland" } ] }
                  },
                  "Mappings": { "Sizes": { "small": { "Mb": 512 } } },
                  "Resources": {
                    %s,
                    "Queue": {
                      "Type": "AWS::SQS::Queue",
                      "Properties": {
                        "VisibilityTimeout": "30",
                        "FifoQueue": "false",
                        "DelaySeconds": { "Fn::If": [ "InIreland", 5, { "Ref": "AWS::NoValue" } ] },
                        "RedrivePolicy": { "deadLetterTargetArn": { "Fn::GetAtt": [ "Dlq", "Arn" ] }, "maxReceiveCount": 3 },
                        "Tags": [ { "Key": "stack", "Value": { "Ref": "AWS::StackName" } } ]
                      },
                      "DependsOn": [ "Dlq" ],
                      "UpdateReplacePolicy": "Delete",
                      "DeletionPolicy": "Delete"
                    },
                    "Dlq": { "Type": "AWS::SQS::Queue" },
                    "Fn": {
                      "Type": "AWS::Lambda::Function",
                      "Properties": {
                        "Role": { "Fn::GetAtt": "Role.Arn" },
                        "Code": { "ZipFile": { "Fn::Sub": [ "${Queue.QueueName} ${AWS::Region} ${!Literal} ${X}", { "X": "x" } ] } },
                        "MemorySize": { "Fn::FindInMap": [ "Sizes", "small", "Mb" ] },
                        "Timeout": { "Ref": "Size" },
                        "PackageType": "Zip",
                        "VpcConfig": { "SubnetIds": { "Fn::Split": [ ",", "a,b" ] }, "SecurityGroupIds": [ { "Fn::ImportValue": "sg" } ] }
                      }
                    },
                    "Trigger": { "Type": "Custom::Trigger", "Properties": { "ServiceToken": { "Fn::GetAtt": [ "Fn", "Arn" ] }, "Anything": [ 1 ] } },
                    "CDKMetadata": { "Type": "AWS::CDK::Metadata", "Properties": { "Analytics": "v2:deflate64:..." } }
                  },
                  "Outputs": {
                    "Url": { "Value": { "Fn::GetAtt": [ "Queue", "QueueUrl" ] }, "Condition": "Both" },
                    "Result": { "Value": { "Fn::GetAtt": [ "Trigger", "WhateverTheProviderReturns" ] } }
                  }
                }
                """.formatted(ROLE));
        assertEquals(List.of(), found);
    }

    @Test
    void anUnknownPropertyIsReportedAtTheTopAndInsideAStructure() {
        List<Finding> found = findings("""
                { "Resources": { %s, "Fn": { "Type": "AWS::Lambda::Function", "Properties": {
                    "Role": "arn:aws:iam::123456789012:role/r", "Code": { "ZipFile": "x" },
                    "MemorySizeMb": 512,
                    "VpcConfig": { "SubnetIDs": [ "subnet-1" ] } } } } }
                """.formatted(ROLE));
        assertFinds(found, Kind.UNKNOWN_PROPERTY, "Fn", "Properties.MemorySizeMb", "MemorySizeMb is not a property of AWS::Lambda::Function");
        assertFinds(found, Kind.UNKNOWN_PROPERTY, "Fn", "Properties.VpcConfig.SubnetIDs", "SubnetIDs is not a property of VpcConfig");
        assertEquals(2, found.size(), found::toString);
    }

    @Test
    void aMissingRequiredPropertyIsReportedAtTheTopAndInsideAListOfStructures() {
        List<Finding> found = findings("""
                { "Resources": {
                    "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Code": { "ZipFile": "x" } } },
                    "Queue": { "Type": "AWS::SQS::Queue", "Properties": { "Tags": [ { "Key": "team" } ] } },
                    "Rule": { "Type": "AWS::EC2::SecurityGroupIngress" } } }
                """);
        assertFinds(found, Kind.MISSING_REQUIRED_PROPERTY, "Fn", "Properties", "required property Role of AWS::Lambda::Function");
        assertFinds(found, Kind.MISSING_REQUIRED_PROPERTY, "Queue", "Properties.Tags[0]", "required property Value of Tag");
        assertFinds(found, Kind.MISSING_REQUIRED_PROPERTY, "Rule", "Properties", "required property IpProtocol");
        assertEquals(3, found.size(), found::toString);
    }

    @Test
    void aWrongPrimitiveTypeIsReported() {
        List<Finding> found = findings("""
                { "Resources": { "Queue": { "Type": "AWS::SQS::Queue", "Properties": {
                    "VisibilityTimeout": "thirty",
                    "DelaySeconds": 1.5,
                    "FifoQueue": "yes",
                    "QueueName": { "name": "q" },
                    "Tags": { "Key": "k", "Value": "v" } } } } }
                """);
        assertFinds(found, Kind.WRONG_TYPE, "Queue", "Properties.VisibilityTimeout", "expected integer, got string \"thirty\"");
        assertFinds(found, Kind.WRONG_TYPE, "Queue", "Properties.DelaySeconds", "expected integer, got number 1.5");
        assertFinds(found, Kind.WRONG_TYPE, "Queue", "Properties.FifoQueue", "expected boolean");
        assertFinds(found, Kind.WRONG_TYPE, "Queue", "Properties.QueueName", "expected string, got object");
        assertFinds(found, Kind.WRONG_TYPE, "Queue", "Properties.Tags", "expected list of Tag, got object");
        assertEquals(5, found.size(), found::toString);
    }

    @Test
    void aValueOutsideAnEnumeratedSetIsReported() {
        List<Finding> found = findings("""
                { "Resources": { "Logs": { "Type": "AWS::Logs::LogGroup", "Properties": {
                    "RetentionInDays": 42, "LogGroupClass": "standard" } } } }
                """);
        assertFinds(found, Kind.VALUE_NOT_ALLOWED, "Logs", "Properties.RetentionInDays", "number 42 is not one of [1, 3, 5, 7, 14, 30,");
        assertFinds(found, Kind.VALUE_NOT_ALLOWED, "Logs", "Properties.LogGroupClass", "string \"standard\" is not one of [STANDARD, INFREQUENT_ACCESS, DELIVERY]");
        assertEquals(2, found.size(), found::toString);
    }

    @Test
    void aDanglingRefIsReportedWhereverItIs() {
        List<Finding> found = findings("""
                { "Resources": { "Queue": { "Type": "AWS::SQS::Queue", "Properties": {
                    "QueueName": { "Fn::Join": [ "-", [ { "Ref": "Prefix" }, { "Ref": "AWS::Regoin" } ] ] },
                    "Tags": [ { "Key": "k", "Value": { "Fn::Sub": "${Missing}-${AWS::AccountId}" } } ] } } },
                  "Outputs": { "Name": { "Value": { "Ref": "Queue2" } } } }
                """);
        assertFinds(found, Kind.DANGLING_REF, "Queue", "Properties.QueueName.Fn::Join[1][0].Ref", "Ref Prefix, which is neither");
        assertFinds(found, Kind.DANGLING_REF, "Queue", "Properties.QueueName.Fn::Join[1][1].Ref", "Ref AWS::Regoin");
        assertFinds(found, Kind.DANGLING_REF, "Queue", "Properties.Tags[0].Value.Fn::Sub", "Ref Missing");
        assertFinds(found, Kind.DANGLING_REF, "Outputs.Name", "Value.Ref", "Ref Queue2");
        assertEquals(4, found.size(), found::toString);
    }

    @Test
    void aGetAttToAnAttributeTheTypeHasNotOrToNoResourceIsReported() {
        List<Finding> found = findings("""
                { "Resources": {
                    "Queue": { "Type": "AWS::SQS::Queue" },
                    "Fn": { "Type": "AWS::Lambda::Function", "Properties": {
                      "Role": { "Fn::GetAtt": [ "Role", "Arn" ] }, "Code": { "ZipFile": { "Fn::Sub": "${Queue.Url}" } },
                      "Description": { "Fn::GetAtt": "Queue.Name" } } } },
                  "Outputs": { "Url": { "Value": { "Fn::GetAtt": [ "Queue", "QueueUrl" ] } } } }
                """);
        assertFinds(found, Kind.DANGLING_GETATT, "Fn", "Properties.Role.Fn::GetAtt", "Role is not a resource of this template");
        assertFinds(found, Kind.UNKNOWN_ATTRIBUTE, "Fn", "Properties.Code.ZipFile.Fn::Sub", "AWS::SQS::Queue has no attribute Url");
        assertFinds(found, Kind.UNKNOWN_ATTRIBUTE, "Fn", "Properties.Description.Fn::GetAtt", "has no attribute Name (it has [Arn, QueueName, QueueUrl])");
        assertEquals(3, found.size(), found::toString);
    }

    @Test
    void anUnknownResourceTypeADanglingDependsOnAndAnUnknownConditionAreReported() {
        List<Finding> found = findings("""
                { "Resources": {
                    "Queue": { "Type": "AWS::SQS::Queues", "DependsOn": "Topic" },
                    "Topic": { "Type": "AWS::SNS::Topic", "DependsOn": [ "Queue", "Subscription" ], "Condition": "Never",
                               "DeletionPolicy": "Retain", "Propertys": {} },
                    "Trigger": { "Type": "Custom::Trigger", "Properties": {} } } }
                """);
        assertFinds(found, Kind.UNKNOWN_RESOURCE_TYPE, "Queue", "Type", "AWS::SQS::Queues is not a resource type");
        assertFinds(found, Kind.DANGLING_DEPENDS_ON, "Topic", "DependsOn", "DependsOn Subscription, which is not a resource");
        assertFinds(found, Kind.DANGLING_CONDITION, "Topic", "Condition", "condition Never is not in Conditions");
        assertFinds(found, Kind.UNKNOWN_KEY, "Topic", "Propertys", "'Propertys' is not a resource attribute");
        assertFinds(found, Kind.MISSING_REQUIRED_PROPERTY, "Trigger", "Properties", "needs a ServiceToken");
        assertEquals(5, found.size(), found::toString);
    }

    @Test
    void bothBranchesOfAnFnIfAreChecked() {
        List<Finding> found = findings("""
                { "Conditions": { "C": { "Fn::Equals": [ "a", "b" ] } },
                  "Resources": { "Queue": { "Type": "AWS::SQS::Queue", "Properties": {
                    "VisibilityTimeout": { "Fn::If": [ "C", 30, "thirty" ] },
                    "DelaySeconds": { "Fn::If": [ "D", 1, 2 ] } } } } }
                """);
        assertFinds(found, Kind.WRONG_TYPE, "Queue", "Properties.VisibilityTimeout", "expected integer, got string \"thirty\"");
        assertFinds(found, Kind.DANGLING_CONDITION, "Queue", "Properties.DelaySeconds.Fn::If", "condition D");
        assertEquals(2, found.size(), found::toString);
    }
}
