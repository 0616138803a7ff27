package dev.threeways.bench.jmh;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The Lambda context handed to the handlers under measurement. It carries a request id because the
 * managed runtime always does, and the app then uses it instead of generating one (a random UUID is
 * a cost the deployed function never pays).
 */
record BenchContext(String awsRequestId) implements Context {
    private static final LambdaLogger DISCARD = new LambdaLogger() {
        @Override
        public void log(String message) {
            // nothing: the handlers under measurement log through the app's own JsonLog
        }

        @Override
        public void log(byte[] message) {
            // as above
        }
    };

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/three-ways-jmh";
    }

    @Override
    public String getLogStreamName() {
        return "jmh";
    }

    @Override
    public String getFunctionName() {
        return "three-ways-jmh";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:three-ways-jmh";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return DISCARD;
    }
}
