package dev.threeways.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.NatInstanceProviderV2;
import software.amazon.awscdk.services.ec2.NatProvider;
import software.amazon.awscdk.services.ec2.NatInstanceProps;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/**
 * Two zones; public subnets for the load balancer and the NAT, private subnets with egress for
 * compute, isolated subnets for the database. Egress goes through one t4g.nano NAT instance: the
 * cheapest that works for a sandbox (a NAT gateway costs ten times as much idle); the README says
 * what idles at a cost.
 */
final class NetworkStack extends SandboxStack {
    static final String PUBLIC = "public";
    static final String COMPUTE = "compute";
    static final String DATABASE = "database";

    /** The subnets the app's compute runs in. */
    static java.util.List<String> computeSubnetIds(software.amazon.awscdk.services.ec2.IVpc vpc) {
        return vpc.selectSubnets(software.amazon.awscdk.services.ec2.SubnetSelection.builder().subnetGroupName(COMPUTE).build())
                .getSubnetIds();
    }

    final Vpc vpc;

    NetworkStack(Construct scope, String id, StackProps props, List<String> zones) {
        super(scope, id, props, zones);
        NatInstanceProviderV2 nat = NatProvider.instanceV2(NatInstanceProps.builder()
                .instanceType(InstanceType.of(InstanceClass.T4G, InstanceSize.NANO))
                .associatePublicIpAddress(true)
                .defaultAllowedTraffic(software.amazon.awscdk.services.ec2.NatTrafficDirection.OUTBOUND_ONLY)
                .build());
        vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(zones.size())
                .natGateways(1)
                .natGatewayProvider(nat)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name(PUBLIC).subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name(COMPUTE).subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(22).build(),
                        SubnetConfiguration.builder().name(DATABASE).subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
                .flowLogs(java.util.Map.of("rejected", FlowLogOptions.builder()
                        .destination(FlowLogDestination.toCloudWatchLogs())
                        .trafficType(software.amazon.awscdk.services.ec2.FlowLogTrafficType.REJECT)
                        .build()))
                .build();
        nat.getSecurityGroup().addIngressRule(software.amazon.awscdk.services.ec2.Peer.ipv4(vpc.getVpcCidrBlock()),
                software.amazon.awscdk.services.ec2.Port.allTraffic(), "egress of the private subnets");
        NagSuppressions.addResourceSuppressions(nat.getSecurityGroup(), List.of(NagPackSuppression.builder()
                .id("CdkNagValidationFailure")
                .reason("EC23 cannot read the VPC's CIDR token; the only ingress rule admits the VPC's own range, nothing from outside")
                .build()));
        String natInstance = "Vpc/" + PUBLIC + "Subnet1/NatInstance/Resource";
        Nag.acceptAt(this, natInstance, "EC26", "the NAT instance's root volume holds only the AMI, no data of ours");
        Nag.acceptAt(this, natInstance, "EC28", "detailed monitoring costs more than this sandbox's NAT instance; basic metrics suffice");
        Nag.acceptAt(this, natInstance, "EC29", "the NAT instance is disposable: CDK replaces it, nothing on it needs protecting");
    }
}
