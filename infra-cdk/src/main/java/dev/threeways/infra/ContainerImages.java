package dev.threeways.infra;

import java.util.List;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.constructs.Construct;

/** An adapter's image, built by {@code cdk deploy} from the adapter's Dockerfile (the jar must be packaged first). */
final class ContainerImages {
    private ContainerImages() {}

    static DockerImageAsset arm64(Construct scope, String id, Settings settings, String adapter) {
        return DockerImageAsset.Builder.create(scope, id)
                .directory(settings.path(adapter))
                .platform(Platform.LINUX_ARM64)
                // the image holds the jar only: nothing but the Dockerfile and target/*.jar goes to the build
                .exclude(List.of("src", "pom.xml", "*.md", "target/classes", "target/test-classes", "target/*-reports",
                        "target/it-logs", "target/maven-*", "target/generated-*", "target/original-*"))
                .build();
    }
}
