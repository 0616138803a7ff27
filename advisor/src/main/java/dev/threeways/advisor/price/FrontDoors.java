package dev.threeways.advisor.price;

import static dev.threeways.advisor.Checks.nonNegative;
import static dev.threeways.advisor.Checks.require;

/**
 * What a fair comparison puts in front of and around a service: API Gateway's HTTP API, an Application
 * Load Balancer, NAT gateways and public IPv4 addresses, each priced on its own so an estimate can switch it.
 */
public final class FrontDoors {
    /** HTTP API meters each request in 512 KB increments. */
    public static final double HTTP_API_METERING_BYTES = 512 * 1024;
    // the ALB's capacity unit: whichever dimension uses most decides (ELB pricing page)
    static final double LCU_NEW_CONNECTIONS_PER_SECOND = 25;
    static final double LCU_ACTIVE_CONNECTIONS_PER_MINUTE = 3000;
    static final double LCU_GB_PER_HOUR_IP_TARGETS = 1;
    static final double LCU_RULE_EVALUATIONS_PER_SECOND = 1000;

    private FrontDoors() {}

    /** HTTP API requests: each counts once per started 512 KB of its size. */
    public static Line httpApi(PriceBook.Prices prices, double requests, double bytesPerRequest) {
        nonNegative(requests, "HTTP API requests");
        nonNegative(bytesPerRequest, "bytes per request");
        double metered = requests * Math.max(1, Math.ceil(bytesPerRequest / HTTP_API_METERING_BYTES));
        return Line.of(prices.rate("apigw.http-requests"), metered / 1e6);
    }

    /**
     * An hour of ALB traffic in the four LCU dimensions.
     *
     * @param newConnectionsPerSecond    new connections a second
     * @param activeConnectionsPerMinute connections open in a minute
     * @param gbPerHour                  bytes processed (requests and responses), GB an hour
     * @param ruleEvaluationsPerSecond   billable rule evaluations a second (a request's first 10 rules are free)
     */
    public record AlbTraffic(double newConnectionsPerSecond, double activeConnectionsPerMinute, double gbPerHour,
                             double ruleEvaluationsPerSecond) {
        public AlbTraffic {
            nonNegative(newConnectionsPerSecond, "new connections a second");
            nonNegative(activeConnectionsPerMinute, "active connections a minute");
            nonNegative(gbPerHour, "GB processed an hour");
            nonNegative(ruleEvaluationsPerSecond, "rule evaluations a second");
        }

        /** LCUs this traffic uses: the largest of the four dimensions. */
        public double lcus() {
            return Math.max(Math.max(newConnectionsPerSecond / LCU_NEW_CONNECTIONS_PER_SECOND,
                            activeConnectionsPerMinute / LCU_ACTIVE_CONNECTIONS_PER_MINUTE),
                    Math.max(gbPerHour / LCU_GB_PER_HOUR_IP_TARGETS, ruleEvaluationsPerSecond / LCU_RULE_EVALUATIONS_PER_SECOND));
        }
    }

    /** An ALB that runs {@code hours} and uses {@code lcuHours}. */
    public static Bill alb(PriceBook.Prices prices, double hours, double lcuHours) {
        nonNegative(hours, "ALB hours");
        nonNegative(lcuHours, "LCU-hours");
        return new Bill("Application Load Balancer", java.util.List.of(
                Line.of(prices.rate("alb.hour"), hours), Line.of(prices.rate("alb.lcu-hour"), lcuHours)));
    }

    /** NAT gateways: an hourly charge each and a charge per GB through them. */
    public static Bill nat(PriceBook.Prices prices, int gateways, double hours, double gbProcessed) {
        require(gateways >= 0, "NAT gateways must be 0 or more: " + gateways);
        nonNegative(hours, "NAT hours");
        nonNegative(gbProcessed, "GB through NAT");
        return new Bill("NAT gateway", java.util.List.of(
                Line.of(prices.rate("nat.hour"), gateways * hours), Line.of(prices.rate("nat.gb"), gbProcessed)));
    }

    /** Public IPv4 addresses, in use or idle, by the address-hour. */
    public static Line publicIpv4(PriceBook.Prices prices, double addressHours) {
        nonNegative(addressHours, "public IPv4 address-hours");
        return Line.of(prices.rate("vpc.public-ipv4-hour"), addressHours);
    }
}
