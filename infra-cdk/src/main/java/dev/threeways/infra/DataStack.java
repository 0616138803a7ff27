package dev.threeways.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.amazon.awscdk.services.rds.DatabaseProxyOptions;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.triggers.Trigger;
import software.constructs.Construct;

/**
 * What every runtime shares: PostgreSQL (encrypted, in isolated subnets, never public, credentials
 * generated into Secrets Manager; on stack deletion a final snapshot is kept), RDS Proxy for Lambda's
 * many short-lived connections, the webhook queue with its DLQ and an alarm on it, the Stripe endpoint
 * secret, and the schema migrations, run as a step of the deploy.
 */
final class DataStack extends SandboxStack {
    static final String DATABASE_NAME = "threeways";
    static final int MAX_RECEIVES = 5;
    static final String MIGRATE_HANDLER = "dev.threeways.lambda.MigrateHandler::handleRequest";
    static final Duration MIGRATE_TIMEOUT = Duration.minutes(5);

    final DatabaseInstance database;
    final DatabaseProxy proxy;
    final Queue queue;
    final Queue deadLetters;
    final Secret webhookSecret;
    final Secret readApiTokens;
    final Alarm deadLetterAlarm;
    final Trigger migrate;
    /** What the app's compute wears to reach the database: defined here, so no rule points back at a runtime stack. */
    final SecurityGroup clientSecurityGroup;

    DataStack(Construct scope, String id, StackProps props, Settings settings, Vpc vpc) {
        super(scope, id, props, settings.zones());
        database = DatabaseInstance.Builder.create(this, "Postgres")
                .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                        .version(PostgresEngineVersion.VER_16).build()))
                .instanceType(InstanceType.of(InstanceClass.T4G, InstanceSize.MICRO))
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetGroupName(NetworkStack.DATABASE).build())
                .publiclyAccessible(false)
                .storageEncrypted(true)
                .allocatedStorage(20)
                .databaseName(DATABASE_NAME)
                .credentials(Credentials.fromGeneratedSecret("threeways"))
                .backupRetention(Duration.days(1))
                .deletionProtection(false)
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .port(5432)
                .build();
        proxy = database.addProxy("Proxy", DatabaseProxyOptions.builder()
                // a proxy's name is unique in an account and region, and CDK's default is the construct id
                .dbProxyName(proxyName(getStackName()))
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetGroupName(NetworkStack.COMPUTE).build())
                .secrets(List.of(database.getSecret()))
                .requireTls(true)
                .build());
        Nag.accept(database, "RDS3", "a sandbox: single-AZ halves the cost; production turns Multi-AZ on");
        Nag.accept(database, "RDS10", "a sandbox must be deletable; removal keeps a final snapshot (RemovalPolicy.SNAPSHOT)");
        Nag.accept(database, "RDS11", "the database is in isolated subnets and admits only the app's security groups; a non-default port adds no protection");
        Nag.acceptAt(this, "Postgres/Secret/Resource", "SMG4", "a sandbox: rotation is one call (addRotationSingleUser) and RDS Proxy follows it; left off to keep the sandbox to the app's own resources");
        clientSecurityGroup = SecurityGroup.Builder.create(this, "AppClients")
                .vpc(vpc)
                .description("the app compute: Lambda functions, the App Runner VPC connector, ECS tasks")
                .allowAllOutbound(true)
                .build();
        database.getConnections().allowFrom(proxy, Port.tcp(5432), "RDS Proxy to PostgreSQL");
        database.getConnections().allowFrom(clientSecurityGroup, Port.tcp(5432), "the app's containers to PostgreSQL");
        proxy.getConnections().allowFrom(clientSecurityGroup, Port.tcp(5432), "Lambda to RDS Proxy");
        deadLetters = Queue.Builder.create(this, "WebhooksDlq")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        queue = Queue.Builder.create(this, "Webhooks")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // at least six times the consumer's timeout, as AWS advises for a Lambda event source
                .visibilityTimeout(Duration.seconds(60))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVES).build())
                .build();
        webhookSecret = Secret.Builder.create(this, "StripeWebhookSecret")
                .description("Stripe endpoint signing secret(s), comma-separated: put the endpoint signing secret in after the first deploy; every runtime reads it within a minute")
                .generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(32).build())
                .build();
        Nag.accept(webhookSecret, "SMG4", "Stripe issues this secret; it is rolled in Stripe's dashboard, and the app accepts old and new during the roll (STRIPE_WEBHOOK_SECRETS takes several), which no rotation Lambda can do");
        readApiTokens = Secret.Builder.create(this, "ReadApiTokens")
                .description("Bearer token(s), comma-separated, that may read payments (GET /payments/{id}, /ws/payments); generated at deploy")
                .generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(40).build())
                .build();
        Nag.accept(readApiTokens, "SMG4", "rotated by putting 'new,old' in the secret and later 'new': the app accepts every listed token, and the callers are this project's own clients, so a rotation Lambda would only replace the token under them");

        deadLetterAlarm = deadLetterAlarm(settings);
        migrate = migrateOnDeploy(settings, vpc);
    }

    /**
     * The schema migrations as a deploy step: the project's own migrate handler, run by a CDK trigger
     * once the database is up and again whenever the jar changes. Every runtime's stack depends on this
     * stack, so no consumer starts before the schema it needs exists, whichever runtimes are deployed.
     * A failed migration fails this stack's deploy, and the runtimes stay on the version they run.
     */
    private Trigger migrateOnDeploy(Settings settings, Vpc vpc) {
        var env = new java.util.LinkedHashMap<String, String>();
        env.put("DATABASE_URL", "jdbc:postgresql://" + database.getDbInstanceEndpointAddress() + ":5432/" + DATABASE_NAME
                + "?sslmode=require");
        env.put("DATABASE_SECRET_ID", database.getSecret().getSecretArn());
        Function function = JavaFunctions.inVpc(this, "Migrate", MIGRATE_HANDLER, JavaFunctions.code(settings), vpc,
                clientSecurityGroup, env, MIGRATE_TIMEOUT, false);
        database.getSecret().grantRead(function);
        Trigger trigger = Trigger.Builder.create(this, "MigrateOnDeploy")
                .handler(function)
                .timeout(MIGRATE_TIMEOUT)
                .executeOnHandlerChange(true)
                .executeAfter(List.of(database))
                .build();
        Nag.acceptAt(this, "AWSCDK.TriggerCustomResourceProviderCustomResourceProvider/Role", "IAM4",
                "CDK's trigger provider: a function that invokes the migrate function during the deploy, with AWS's basic execution policy");
        return trigger;
    }

    /** Anything in the DLQ is an event the ledger never took: somebody should look (README: "Redrive"). */
    private Alarm deadLetterAlarm(Settings settings) {
        Topic alarms = Topic.Builder.create(this, "Alarms").enforceSsl(true).build();
        // enforceSsl writes a topic policy, which replaces the default one: CloudWatch must be let in again
        alarms.addToResourcePolicy(software.amazon.awscdk.services.iam.PolicyStatement.Builder.create()
                .principals(List.of(new software.amazon.awscdk.services.iam.ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(alarms.getTopicArn()))
                .conditions(java.util.Map.of("StringEquals", java.util.Map.of("aws:SourceAccount", getAccount())))
                .build());
        Nag.accept(alarms, "SNS2", "CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and the alarm carries no data beyond the queue's name and depth");
        settings.alarmEmail().ifPresent(email -> alarms.addSubscription(new EmailSubscription(email)));
        Alarm alarm = Alarm.Builder.create(this, "DeadLettersWaiting")
                .alarmDescription("Webhooks in the DLQ: the ledger did not take them after " + MAX_RECEIVES
                        + " receives; look at them, fix the cause, then redrive (README, Redrive)")
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(1)).statistic("Maximum").build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(alarms));
        return alarm;
    }

    /** RDS Proxy names: a letter first, then letters, digits and single hyphens, at most 63. */
    static String proxyName(String stackName) {
        String name = (stackName + "-proxy").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
    }
}
