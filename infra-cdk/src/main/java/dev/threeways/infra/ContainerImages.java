package dev.threeways.infra;

import java.util.List;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * An adapter's image, built by {@code cdk deploy} from the adapter's Dockerfile (the jar must be
 * packaged first), for the one architecture the service that runs it can run: App Runner runs
 * x86-64 only; Fargate, Express Mode (which is Fargate) and Lambda run ARM64 (Graviton) as well.
 */
final class ContainerImages {
    /** Nothing but the Dockerfile and what it copies from target/ goes to an image build. */
    static final List<String> EXCLUDES = List.of("src", "pom.xml", "*.md", "target/classes", "target/test-classes",
            "target/*-reports", "target/it-logs", "target/maven-*", "target/generated-*", "target/original-*");

    private ContainerImages() {}

    static DockerImageAsset arm64(Construct scope, String id, Settings settings, String adapter) {
        return build(scope, id, settings, adapter, Platform.LINUX_ARM64);
    }

    static DockerImageAsset amd64(Construct scope, String id, Settings settings, String adapter) {
        return build(scope, id, settings, adapter, Platform.LINUX_AMD64);
    }

    /** Lets {@code role} pull the image; the token call it also needs has no resource-level form. */
    static void grantPull(DockerImageAsset image, Role role) {
        image.getRepository().grantPull(role);
        Nag.accept(role, "IAM5", "ecr:GetAuthorizationToken has no resource-level form; the pull itself is limited to the image's repository",
                List.of("Resource::*"));
    }

    private static DockerImageAsset build(Construct scope, String id, Settings settings, String adapter, Platform platform) {
        return DockerImageAsset.Builder.create(scope, id)
                .directory(settings.path(adapter))
                .platform(platform)
                .exclude(EXCLUDES)
                .build();
    }
}
