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
import software.constructs.Construct;

/**
 * What every runtime shares: PostgreSQL (encrypted, in isolated subnets, never public, credentials
 * generated into Secrets Manager; on stack deletion a final snapshot is kept), RDS Proxy for Lambda's
 * many short-lived connections, the webhook queue with its DLQ, and the Stripe endpoint secret.
 */
final class DataStack extends SandboxStack {
    static final String DATABASE_NAME = "threeways";
    static final int MAX_RECEIVES = 5;

    final DatabaseInstance database;
    final DatabaseProxy proxy;
    final Queue queue;
    final Queue deadLetters;
    final Secret webhookSecret;
    /** What the app's compute wears to reach the database: defined here, so no rule points back at a runtime stack. */
    final SecurityGroup clientSecurityGroup;

    DataStack(Construct scope, String id, StackProps props, List<String> zones, Vpc vpc) {
        super(scope, id, props, zones);
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
                .description("Stripe endpoint signing secret(s), comma-separated: replace the generated placeholder with the endpoint signing secret after the first deploy")
                .generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(32).build())
                .build();
        Nag.accept(webhookSecret, "SMG4", "Stripe issues this secret; it is rolled in Stripe's dashboard, and the app accepts old and new during the roll (STRIPE_WEBHOOK_SECRETS takes several), which no rotation Lambda can do");
    }
}
